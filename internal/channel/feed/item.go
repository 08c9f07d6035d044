package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/message"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// maxItems bounds the items taken from one document.
const maxItems = 1000

// events makes a message of each item of a feed.
func events(feedURL string, f *gofeed.Feed) []channel.Event {
	host := hostOf(feedURL)
	var out []channel.Event
	for i, it := range f.Items {
		if i == maxItems || it == nil {
			break
		}
		out = append(out, event(host, f, it))
	}
	return out
}

func event(host string, f *gofeed.Feed, it *gofeed.Item) channel.Event {
	raw, _ := jsonOf(it)
	text := strings.TrimSpace(it.Title)
	if body := channel.PlainText(firstOf(it.Content, it.Description)); body != "" && body != text {
		text = strings.TrimSpace(text + "\n\n" + body)
	}
	m := message.Inbound{Channel: Channel, ExternalID: itemID(host, it), Text: channel.Text(text),
		CreatedAt: channel.Time(itemTime(it)), Author: author(host, f, it), URL: httpURL(it.Link),
		Lang: channel.Lang(strings.ToLower(f.Language)), InReplyTo: inReplyTo(host, it)}
	return channel.Event{Raw: raw, Msg: m}
}

// itemID is the item's GUID (or link), kept short: long ones are hashed.
func itemID(host string, it *gofeed.Item) string {
	id := firstOf(it.GUID, it.Link, it.Title)
	if !strings.Contains(id, "://") {
		id = host + "/" + id
	}
	if len(id) > 200 {
		sum := sha256.Sum256([]byte(id))
		id = host + "/sha256-" + hex.EncodeToString(sum[:])
	}
	return id
}

// inReplyTo reads the Atom threading extension (RFC 4685) of comment feeds.
func inReplyTo(host string, it *gofeed.Item) string {
	for _, e := range it.Extensions["thr"]["in-reply-to"] {
		if ref := firstOf(e.Attrs["ref"], e.Attrs["href"]); ref != "" {
			return itemID(host, &gofeed.Item{GUID: ref})
		}
	}
	return ""
}

func itemTime(it *gofeed.Item) time.Time {
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil && t.Year() > 1990 && t.Before(time.Now().Add(48*time.Hour)) {
			return *t
		}
	}
	return time.Now()
}

func author(host string, f *gofeed.Feed, it *gofeed.Item) *message.InboundAuthor {
	p := it.Author
	if p == nil && len(it.Authors) > 0 {
		p = it.Authors[0]
	}
	if p == nil {
		p = f.Author
	}
	a := &message.InboundAuthor{Handle: host}
	if p != nil {
		a.Name = channel.Clip(p.Name, message.MaxNameBytes)
		if h := firstOf(p.Email, p.Name); h != "" {
			a.Handle = channel.Clip(h+" ("+host+")", message.MaxHandleBytes)
		}
	}
	return a
}

func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return "feed"
	}
	return p.Host
}

func httpURL(s string) string {
	p, err := url.Parse(s)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || len(s) > message.MaxURLBytes {
		return ""
	}
	return s
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// jsonOf keeps the parsed item as the raw payload of a refused message.
func jsonOf(it *gofeed.Item) ([]byte, error) {
	return json.Marshal(it)
}
