package meta

import (
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func FuzzParsePayload(f *testing.F) {
	f.Add([]byte(`{"object":"page","entry":[{"id":"1","time":1763890200,"changes":[{"field":"feed","value":{"from":{"id":"2","name":"J"},"message":"hi","post_id":"1_1","comment_id":"1_2","created_time":1763890200,"item":"comment","parent_id":"1_1","verb":"add"}}]}]}`))
	f.Add([]byte(`{"object":"instagram","entry":[{"id":"9","time":1,"changes":[{"field":"comments","value":{"from":{"id":"3","username":"l"},"media":{"id":"4"},"id":"5","text":"x"}}]}]}`))
	f.Add([]byte(`{"object":"page","entry":[{"changes":[{"field":"feed","value":{"created_time":"2026-11-23T09:30:00+0000"}}]}]}`))
	at := time.Unix(1763890200, 0)
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := ParsePayload(raw)
		if err != nil {
			return
		}
		for _, e := range p.Entry {
			for _, ch := range e.Changes {
				var fv FeedValue
				if jsonOK(ch.Value, &fv) {
					if ev, err := feedEvent("1", at, fv, ch.Value); err == nil && len(*ev.Msg.Text) > message.MaxTextBytes {
						t.Fatal("text too long")
					}
				}
				var cv CommentValue
				if jsonOK(ch.Value, &cv) {
					if ev, err := commentEvent("9", at, cv, ch.Value); err == nil && len(*ev.Msg.Text) > message.MaxTextBytes {
						t.Fatal("text too long")
					}
				}
			}
		}
	})
}
