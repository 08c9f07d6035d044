package message

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on what one inbound message may carry.
const (
	MaxLineBytes   = 64 << 10 // one JSON message
	MaxTextBytes   = 20_000
	MaxIDBytes     = 256
	MaxHandleBytes = 256
	MaxNameBytes   = 256
	MaxURLBytes    = 2048
)

// Inbound is the documented shape of a message given to Switchboard
// (docs/message-schema.md). Unknown fields are refused, so typos are caught.
type Inbound struct {
	Channel    string         `json:"channel"`
	ExternalID string         `json:"external_id"`
	Text       *string        `json:"text"`
	CreatedAt  string         `json:"created_at"`
	Author     *InboundAuthor `json:"author"`
	Lang       string         `json:"lang,omitempty"`
	URL        string         `json:"url,omitempty"`
	InReplyTo  string         `json:"in_reply_to,omitempty"`
	Community  string         `json:"community,omitempty"`
}

// InboundAuthor is the author of an inbound message.
type InboundAuthor struct {
	Handle    string `json:"handle"`
	Name      string `json:"name,omitempty"`
	Followers int64  `json:"followers,omitempty"`
}

var (
	channelPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)
	langPattern      = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$`)
	communityPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
)

// ParseInbound reads one JSON message and checks it, returning a clear error
// naming the first problem. It never panics on any input.
func ParseInbound(line []byte) (*Message, error) {
	if len(line) > MaxLineBytes {
		return nil, fmt.Errorf("message is %d bytes, more than the %d allowed", len(line), MaxLineBytes)
	}
	if !utf8.Valid(line) {
		return nil, errors.New("invalid UTF-8")
	}
	var in Inbound
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("malformed JSON: %s", jsonError(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("malformed JSON: more than one value on the line")
	}
	return in.toMessage()
}

func jsonError(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("%v (at byte %d)", syn, syn.Offset)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Sprintf("field %s: want %s, got %s", typ.Field, typ.Type, typ.Value)
	}
	if err == io.EOF {
		return "empty"
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func (in *Inbound) toMessage() (*Message, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	created, err := time.Parse(time.RFC3339Nano, in.CreatedAt)
	if err != nil {
		return nil, fmt.Errorf("created_at %q: want an RFC 3339 time such as 2026-11-23T09:30:00Z", in.CreatedAt)
	}
	return &Message{
		Channel: in.Channel, ExternalID: in.ExternalID, Text: *in.Text, CreatedAt: created.UTC(),
		Lang: in.Lang, URL: in.URL, InReplyTo: in.InReplyTo, Community: in.Community,
		Author: Author{Handle: in.Author.Handle, Name: in.Author.Name, Followers: in.Author.Followers},
	}, nil
}

func (in *Inbound) check() error {
	checks := []struct {
		bad bool
		msg string
	}{
		{in.Channel == "", "missing field: channel"},
		{!channelPattern.MatchString(in.Channel), "channel: lower-case letters, digits, - and _, at most 32"},
		{strings.TrimSpace(in.ExternalID) == "", "missing field: external_id"},
		{len(in.ExternalID) > MaxIDBytes, "external_id: too long"},
		{in.Text == nil, "missing field: text"},
		{in.Text != nil && strings.TrimSpace(*in.Text) == "", "text is empty"},
		{in.Text != nil && len(*in.Text) > MaxTextBytes, fmt.Sprintf("text: more than %d bytes", MaxTextBytes)},
		{in.Text != nil && strings.ContainsRune(*in.Text, 0), "text contains a NUL character"},
		{in.CreatedAt == "", "missing field: created_at"},
		{in.Author == nil, "missing field: author"},
		{in.Author != nil && strings.TrimSpace(in.Author.Handle) == "", "missing field: author.handle"},
		{in.Author != nil && len(in.Author.Handle) > MaxHandleBytes, "author.handle: too long"},
		{in.Author != nil && len(in.Author.Name) > MaxNameBytes, "author.name: too long"},
		{in.Author != nil && in.Author.Followers < 0, "author.followers: must not be negative"},
		{in.Lang != "" && !langPattern.MatchString(in.Lang), "lang: want a language code such as fr or en"},
		{in.Community != "" && !communityPattern.MatchString(in.Community), "community: lower-case letters, digits and dashes"},
		{len(in.InReplyTo) > MaxIDBytes, "in_reply_to: too long"},
		{strings.ContainsRune(in.ExternalID+in.InReplyTo+in.Author.handleOrEmpty(), 0), "ids contain a NUL character"},
	}
	for _, c := range checks {
		if c.bad {
			return errors.New(c.msg)
		}
	}
	return checkURL(in.URL)
}

func (a *InboundAuthor) handleOrEmpty() string {
	if a == nil {
		return ""
	}
	return a.Handle + a.Name
}

func checkURL(raw string) error {
	if raw == "" {
		return nil
	}
	if len(raw) > MaxURLBytes {
		return errors.New("url: too long")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("url %q: want an http or https address", raw)
	}
	return nil
}
