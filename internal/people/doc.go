// Package people knows the persons behind the messages: their identities
// across networks and what the GDPR asks of them. For now it runs the
// retention schedule; the store holds people, export, erasure and purge.
package people
