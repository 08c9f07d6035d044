package meta

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// Payload is a webhook notification: entries of one object type.
type Payload struct {
	Object string  `json:"object"` // page, instagram
	Entry  []Entry `json:"entry"`
}

// Entry is the changes of one page or Instagram account.
type Entry struct {
	ID      string   `json:"id"`
	Time    int64    `json:"time"`
	Changes []Change `json:"changes"`
}

// Change is one field's change; Value depends on the field.
type Change struct {
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

// FeedValue is a page feed change.
type FeedValue struct {
	From        Actor     `json:"from"`
	Item        string    `json:"item"` // comment, post, status, photo, reaction, …
	Verb        string    `json:"verb"` // add, edited, remove, …
	PostID      string    `json:"post_id"`
	CommentID   string    `json:"comment_id"`
	ParentID    string    `json:"parent_id"`
	Message     string    `json:"message"`
	CreatedTime flexiTime `json:"created_time"`
}

// Actor is who did something on Facebook or Instagram.
type Actor struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Username string `json:"username"`
}

// CommentValue is an Instagram comment change.
type CommentValue struct {
	ID       string `json:"id"`
	ParentID string `json:"parent_id"`
	Text     string `json:"text"`
	From     Actor  `json:"from"`
	Media    struct {
		ID string `json:"id"`
	} `json:"media"`
}

// MentionValue is an Instagram mention change: the text is read from the Graph API.
type MentionValue struct {
	MediaID   string `json:"media_id"`
	CommentID string `json:"comment_id"`
}

// flexiTime reads unix seconds written as a number or a string, or RFC 3339.
type flexiTime struct{ time.Time }

func (t *flexiTime) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(b, `"`)
	if n, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		t.Time = time.Unix(n, 0).UTC()
		return nil
	}
	v, err := time.Parse("2006-01-02T15:04:05-0700", string(b))
	if err != nil {
		v, err = time.Parse(time.RFC3339, string(b))
	}
	t.Time = v
	return err
}

// ParsePayload reads a webhook body.
func ParsePayload(raw []byte) (Payload, error) {
	var p Payload
	if err := json.Unmarshal(raw, &p); err != nil {
		return p, fmt.Errorf("meta webhook: %w", err)
	}
	if p.Object != "page" && p.Object != "instagram" {
		return p, fmt.Errorf("meta webhook: object %q is not page or instagram", p.Object)
	}
	return p, nil
}

var errSkip = errors.New("no message in this change")

// feedEvent makes a message of a page feed change: new comments and
// visitor posts; edits, removals, reactions and the page's own posts are skipped.
func feedEvent(pageID string, at time.Time, v FeedValue, raw []byte) (channel.Event, error) {
	if v.Verb != "add" || v.From.ID == pageID || (v.Item != "comment" && v.Item != "post" && v.Item != "status") {
		return channel.Event{}, errSkip
	}
	id, reply := v.CommentID, v.ParentID
	if v.Item != "comment" {
		id, reply = v.PostID, ""
	}
	if id == "" || v.From.ID == "" {
		return channel.Event{}, errors.New("feed change without an id or an author")
	}
	if !v.CreatedTime.IsZero() {
		at = v.CreatedTime.Time
	}
	m := message.Inbound{Channel: Facebook, ExternalID: id, Text: channel.Text(v.Message), CreatedAt: channel.Time(at),
		Author: &message.InboundAuthor{Handle: v.From.ID, Name: channel.Clip(v.From.Name, message.MaxNameBytes)}, InReplyTo: reply}
	if v.PostID != "" {
		m.URL = "https://www.facebook.com/" + v.PostID
	}
	return channel.Event{Raw: raw, Msg: m}, nil
}

// commentEvent makes a message of an Instagram comment on the account's media.
func commentEvent(igID string, at time.Time, v CommentValue, raw []byte) (channel.Event, error) {
	if v.From.ID == igID {
		return channel.Event{}, errSkip
	}
	if v.ID == "" || (v.From.Username == "" && v.From.ID == "") {
		return channel.Event{}, errors.New("instagram comment without an id or an author")
	}
	reply := v.ParentID
	if reply == "" {
		reply = v.Media.ID
	}
	return channel.Event{Raw: raw, Msg: message.Inbound{Channel: Instagram, ExternalID: v.ID, Text: channel.Text(v.Text),
		CreatedAt: channel.Time(at), Author: &message.InboundAuthor{Handle: igHandle(v.From)}, InReplyTo: reply}}, nil
}

func igHandle(a Actor) string {
	if a.Username != "" {
		return "@" + a.Username
	}
	return a.ID
}

func jsonOK(raw []byte, v any) bool { return json.Unmarshal(raw, v) == nil }
