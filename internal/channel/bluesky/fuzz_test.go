package bluesky

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func FuzzParseEvent(f *testing.F) {
	f.Add([]byte(`{"did":"did:plc:a","time_us":1725911162329308,"kind":"commit","commit":{"rev":"r","operation":"create","collection":"app.bsky.feed.post","rkey":"3l3","record":{"$type":"app.bsky.feed.post","createdAt":"2024-09-09T19:46:02.102Z","langs":["en"],"text":"@acme.bsky.social hi acme","reply":{"parent":{"uri":"at://did:plc:acme/app.bsky.feed.post/x","cid":"c"},"root":{"uri":"u","cid":"c"}}},"cid":"bafy"}}`))
	f.Add([]byte(`{"did":"did:plc:a","time_us":1,"kind":"identity","identity":{"did":"did:plc:a","handle":"a.test"}}`))
	f.Add([]byte(`{"time_us":-1}`))
	c := &Connector{handle: "acme.bsky.social", cfg: Config{Keywords: []string{"acme", "été"}, AppView: "http://127.0.0.1:1"}}
	c.profiles.m = map[string]profile{}
	f.Fuzz(func(t *testing.T, raw []byte) {
		_, p, err := parseEvent(raw)
		if err != nil {
			return
		}
		c.matches(p, "did:plc:acme")
		c.profiles.m[p.did] = profile{Handle: "x.test"} // no network in the fuzz loop
		ev := c.toEvent(context.Background(), p, raw)
		if len(*ev.Msg.Text) > message.MaxTextBytes || len(ev.Msg.ExternalID) > message.MaxIDBytes {
			t.Fatalf("message too large: %d text bytes, id %q", len(*ev.Msg.Text), ev.Msg.ExternalID)
		}
		if utf8.ValidString(p.post.Text) && !utf8.ValidString(*ev.Msg.Text) {
			t.Fatal("valid text made invalid")
		}
	})
}
