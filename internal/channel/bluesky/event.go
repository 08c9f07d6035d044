package bluesky

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// PostCollection is the collection of Bluesky posts.
const PostCollection = "app.bsky.feed.post"

// Event is a Jetstream v1 event.
type Event struct {
	DID    string  `json:"did"`
	TimeUS int64   `json:"time_us"`
	Kind   string  `json:"kind"` // commit, identity, account
	Commit *Commit `json:"commit"`
}

// Commit is a repository change.
type Commit struct {
	Rev        string          `json:"rev"`
	Operation  string          `json:"operation"` // create, update, delete
	Collection string          `json:"collection"`
	RKey       string          `json:"rkey"`
	Record     json.RawMessage `json:"record"`
	CID        string          `json:"cid"`
}

// Post is an app.bsky.feed.post record.
type Post struct {
	Text      string   `json:"text"`
	CreatedAt string   `json:"createdAt"`
	Langs     []string `json:"langs"`
	Reply     *struct {
		Root   StrongRef `json:"root"`
		Parent StrongRef `json:"parent"`
	} `json:"reply"`
	Facets []struct {
		Features []struct {
			Type string `json:"$type"`
			DID  string `json:"did"`
			Tag  string `json:"tag"`
		} `json:"features"`
	} `json:"facets"`
}

// StrongRef points at a record by URI and content id.
type StrongRef struct {
	URI string `json:"uri"`
	CID string `json:"cid"`
}

// created is a new post read from an event.
type created struct {
	uri, cid, did string
	at            time.Time
	post          Post
}

var errNotPost = errors.New("not a new post")

// parseEvent reads a Jetstream event. It returns the event (for its
// time_us) and, for a new post, the post; errNotPost for anything else.
func parseEvent(raw []byte) (Event, *created, error) {
	var ev Event
	if err := json.Unmarshal(raw, &ev); err != nil {
		return ev, nil, fmt.Errorf("jetstream event: %w", err)
	}
	if ev.TimeUS <= 0 {
		return ev, nil, errors.New("jetstream event without time_us")
	}
	c := ev.Commit
	if ev.Kind != "commit" || c == nil || c.Operation != "create" || c.Collection != PostCollection {
		return ev, nil, errNotPost
	}
	if !strings.HasPrefix(ev.DID, "did:") || len(ev.DID) > 160 || c.RKey == "" || len(c.RKey) > 64 || strings.Contains(c.RKey, "/") {
		return ev, nil, errors.New("post without a valid did and rkey")
	}
	var p Post
	if err := json.Unmarshal(c.Record, &p); err != nil {
		return ev, nil, fmt.Errorf("post record: %w", err)
	}
	at, err := time.Parse(time.RFC3339Nano, p.CreatedAt)
	if err != nil || at.Year() < 2000 || at.After(time.Now().Add(24*time.Hour)) {
		at = time.UnixMicro(ev.TimeUS).UTC() // when Jetstream saw it
	}
	uri := "at://" + ev.DID + "/" + PostCollection + "/" + c.RKey
	return ev, &created{uri: uri, cid: c.CID, did: ev.DID, at: at, post: p}, nil
}

// matches says whether a post concerns the account: it mentions it, answers
// one of its posts, names its handle or contains a keyword.
func (c *Connector) matches(p *created, did string) bool {
	if did != "" && p.did == did {
		return false // the account's own posts
	}
	for _, f := range p.post.Facets {
		for _, feat := range f.Features {
			if did != "" && feat.Type == "app.bsky.richtext.facet#mention" && feat.DID == did {
				return true
			}
		}
	}
	if r := p.post.Reply; did != "" && r != nil && strings.HasPrefix(r.Parent.URI, "at://"+did+"/") {
		return true
	}
	text := strings.ToLower(p.post.Text)
	if c.handle != "" && containsWord(text, "@"+c.handle) {
		return true
	}
	for _, k := range c.cfg.Keywords {
		if containsWord(text, strings.ToLower(k)) {
			return true
		}
	}
	return false
}

// containsWord finds w in s not inside a longer word.
func containsWord(s, w string) bool {
	for i := 0; i <= len(s)-len(w); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !isWord(before)) && (end == len(s) || !isWord(after)) {
			return true
		}
		i = start + 1
	}
	return false
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
