package mastodon

import (
	"testing"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func FuzzParseStreamEvent(f *testing.F) {
	f.Add([]byte(`{"stream":["user"],"event":"update","payload":"{\"id\":\"1\",\"created_at\":\"2026-11-23T09:30:00Z\",\"content\":\"<p>hi &amp; <br>bye\",\"account\":{\"acct\":\"ana\"}}"}`))
	f.Add([]byte(`{"stream":["user"],"event":"notification","payload":"{\"id\":\"9\",\"type\":\"mention\",\"status\":{\"id\":\"1\",\"created_at\":\"2026-11-23T09:30:00Z\",\"content\":\"x\",\"account\":{\"acct\":\"a@b\"}}}"}`))
	f.Add([]byte(`{"stream":["hashtag","Acme"],"event":"delete","payload":"1"}`))
	f.Add([]byte(`{"event":"update","payload":"{\"reblog\":{}}"}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		it, _, _, err := parseStreamEvent(raw)
		if err != nil || it.status == nil {
			return
		}
		ev := toEvent("m.example", it.status, raw)
		if len(*ev.Msg.Text) > message.MaxTextBytes {
			t.Fatalf("text of %d bytes", len(*ev.Msg.Text))
		}
		if utf8.ValidString(it.status.Content) && !utf8.ValidString(*ev.Msg.Text) {
			t.Fatalf("valid content made invalid text: %q", *ev.Msg.Text)
		}
	})
}
