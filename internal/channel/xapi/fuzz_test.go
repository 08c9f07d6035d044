package xapi

import (
	"testing"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func FuzzParseLine(f *testing.F) {
	f.Add([]byte(`{"data":{"id":"1","text":"hi","author_id":"2","created_at":"2026-11-23T09:30:00.000Z","referenced_tweets":[{"type":"replied_to","id":"0"}]},"includes":{"users":[{"id":"2","username":"a","name":"A","public_metrics":{"followers_count":1}}]}}`))
	f.Add([]byte(`{"errors":[{"title":"operational-disconnect","detail":"This stream has been disconnected"}]}`))
	f.Add([]byte(`{"data":{}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		tw, inc, err := parseLine(raw)
		if err != nil {
			return
		}
		ev := toEvent(tw, inc, raw)
		if len(*ev.Msg.Text) > message.MaxTextBytes || len(ev.Msg.ExternalID) > message.MaxIDBytes || len(ev.Msg.Author.Handle) > message.MaxHandleBytes {
			t.Fatal("message over the limits")
		}
	})
}
