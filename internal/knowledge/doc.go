// Package knowledge holds the library of approved answers and key messages, and
// the ranking that suggests the right one for an incoming message.
//
// An Answer is a plain value that the store persists; an Index keeps the
// approved answers in memory and ranks them for a message with BM25F over
// title, body and example questions, a nearest-example score, and what agents
// chose before (an answer sent for a message becomes one of its examples).
// Fill puts the message's variables into an answer's body when an agent
// inserts it.
package knowledge
