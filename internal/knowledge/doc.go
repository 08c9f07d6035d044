// Package knowledge holds the library of approved answers and key messages, and
// the ranking that suggests the right one for an incoming message.
//
// An Answer is a plain value that the store persists. An Index keeps the
// approved answers in memory and ranks them for a message with BM25F over
// title, body and example questions (Snowball stemming in French and
// English, accents folded, @mentions weighted), keeping only approved,
// unexpired answers that fit the message's language, community and class.
// The server uses it so:
//
//	ix := knowledge.NewIndex(knowledge.DefaultParams())
//	ix.Put(answer)                         // at start and on every change; drafts and retired answers are dropped
//	ix.Remove(id)                          // when an answer is deleted
//	sugs := ix.Suggest(knowledge.QueryFor(&msg)) // best first, with Score and Matched words
//	a, err := ix.Learn(id, msg.Text)       // an agent sent answer id for msg: store a (new example, one more use)
//	text, unknown := knowledge.Fill(a.Body, knowledge.VarsFor(&msg)) // unknown variables stay visible
package knowledge
