package feed

import (
	"bytes"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func FuzzFeedItems(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><guid>g</guid><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0"><entry><id>e</id><title>c</title><thr:in-reply-to ref="r"/></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"j","items":[{"id":"1","content_text":"hi"}]}`))
	p := gofeed.NewParser()
	f.Fuzz(func(t *testing.T, doc []byte) {
		fd, err := p.Parse(bytes.NewReader(doc))
		if err != nil {
			return
		}
		for _, ev := range events("https://blog.example/feed", fd) {
			if len(*ev.Msg.Text) > message.MaxTextBytes || len(ev.Msg.ExternalID) > message.MaxIDBytes || len(ev.Msg.Author.Handle) > message.MaxHandleBytes {
				t.Fatalf("message over the limits: id %q", ev.Msg.ExternalID)
			}
		}
	})
}
