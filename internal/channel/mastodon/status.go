package mastodon

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// Status is the part of Mastodon's Status entity Switchboard reads.
type Status struct {
	ID          string    `json:"id"`
	CreatedAt   time.Time `json:"created_at"`
	InReplyToID *string   `json:"in_reply_to_id"`
	SpoilerText string    `json:"spoiler_text"`
	Visibility  string    `json:"visibility"`
	Language    *string   `json:"language"`
	URI         string    `json:"uri"`
	URL         *string   `json:"url"`
	Content     string    `json:"content"`
	Account     Account   `json:"account"`
	Reblog      *Status   `json:"reblog"`
}

// Account is the part of Mastodon's Account entity Switchboard reads.
type Account struct {
	ID             string `json:"id"`
	Username       string `json:"username"`
	Acct           string `json:"acct"`
	DisplayName    string `json:"display_name"`
	FollowersCount int64  `json:"followers_count"`
}

// Notification is the part of Mastodon's Notification entity Switchboard reads.
type Notification struct {
	ID     string  `json:"id"`
	Type   string  `json:"type"`
	Status *Status `json:"status"`
}

// streamEvent is one WebSocket message of the streaming API: the payload
// of update and notification events is itself JSON, in a string.
type streamEvent struct {
	Stream  []string `json:"stream"`
	Event   string   `json:"event"`
	Payload string   `json:"payload"`
}

// errSkip marks an event that is valid but carries no message (a
// notification other than a mention, a deletion, a filter change).
var errSkip = errors.New("no message in this event")

// item is a status read from a timeline or the stream, with the id that
// moves its timeline's cursor (the notification's id for notifications).
type item struct {
	status   *Status
	cursorID string
	raw      []byte
}

// parseStreamEvent reads one streaming message into the status it carries
// and the stream it came on.
func parseStreamEvent(raw []byte) (item, []string, string, error) {
	var ev streamEvent
	if err := json.Unmarshal(raw, &ev); err != nil {
		return item{}, nil, "", fmt.Errorf("streaming event: %w", err)
	}
	switch ev.Event {
	case "update":
		it, err := parseItem([]byte(ev.Payload), false)
		return it, ev.Stream, ev.Event, err
	case "notification":
		it, err := parseItem([]byte(ev.Payload), true)
		return it, ev.Stream, ev.Event, err
	case "":
		return item{}, nil, "", errors.New("streaming event without an event type")
	}
	return item{}, ev.Stream, ev.Event, errSkip
}

// parseItem reads a status, or a notification when notification is true.
func parseItem(raw []byte, notification bool) (item, error) {
	if !notification {
		st, err := parseStatus(raw)
		if err != nil {
			return item{}, err
		}
		return item{status: st, cursorID: st.ID}, nil
	}
	var n Notification
	if err := json.Unmarshal(raw, &n); err != nil {
		return item{}, fmt.Errorf("notification payload: %w", err)
	}
	if n.ID == "" || len(n.ID) > 64 {
		return item{}, errors.New("notification without a valid id")
	}
	it := item{cursorID: n.ID}
	if n.Type != "mention" {
		return it, errSkip
	}
	if n.Status == nil {
		return it, errors.New("mention notification without a status")
	}
	it.status = n.Status
	return it, checkStatus(n.Status)
}

func parseStatus(raw []byte) (*Status, error) {
	var st Status
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, fmt.Errorf("status payload: %w", err)
	}
	if st.Reblog != nil { // a boost: the boosted post is the message
		st = *st.Reblog
	}
	return &st, checkStatus(&st)
}

func checkStatus(st *Status) error {
	switch {
	case st.ID == "" || len(st.ID) > 64:
		return errors.New("status without a valid id")
	case st.Account.Acct == "":
		return errors.New("status without an account")
	case st.CreatedAt.IsZero():
		return errors.New("status without created_at")
	}
	return nil
}

// toEvent makes the Switchboard message of a status seen on host.
func toEvent(host string, st *Status, raw []byte) channel.Event {
	text := textOf(st.Content)
	if st.SpoilerText != "" {
		text = "[CW: " + st.SpoilerText + "] " + text
	}
	m := message.Inbound{
		Channel: Channel, ExternalID: host + "/" + st.ID, Text: channel.Text(text),
		CreatedAt: channel.Time(st.CreatedAt),
		Author: &message.InboundAuthor{Handle: handleOf(host, st.Account.Acct),
			Name: channel.Clip(st.Account.DisplayName, message.MaxNameBytes), Followers: max(st.Account.FollowersCount, 0)},
	}
	if st.Language != nil {
		m.Lang = channel.Lang(*st.Language)
	}
	if st.URL != nil && strings.HasPrefix(*st.URL, "http") {
		m.URL = *st.URL
	} else if strings.HasPrefix(st.URI, "http") {
		m.URL = st.URI
	}
	if st.InReplyToID != nil && *st.InReplyToID != "" {
		m.InReplyTo = host + "/" + *st.InReplyToID
	}
	return channel.Event{Raw: raw, Msg: m}
}

// handleOf gives a full handle: acct is "user" for local accounts.
func handleOf(host, acct string) string {
	if !strings.Contains(acct, "@") {
		acct += "@" + host
	}
	return "@" + acct
}
