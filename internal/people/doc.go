// Package people knows the persons behind the messages: their identities
// across networks and what the GDPR asks of them. It runs the scheduled work:
// the retention purge and the automatic merge of people sharing an email
// address; the store holds people, merges, export, erasure and purge.
package people
