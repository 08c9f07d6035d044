package channel

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// Connector listens to one account of a network until ctx ends or the
// connection fails. It hands what it reads to the Sink and reports through
// it. Run returns nil only when ctx ends; any error makes the supervisor
// reconnect after a backoff (a *RetryAfterError sets the least wait).
type Connector interface {
	Run(ctx context.Context, sink Sink) error
}

// Sink is what a running connector reports to.
type Sink interface {
	// Publish hands events to the pipeline durably. Invalid messages go to
	// dead letters with their raw payload; an error means nothing after the
	// first failed event may be considered received (do not move the cursor).
	Publish(ctx context.Context, events []Event) error
	// Cursor is where the account stopped last time ("" the first time).
	Cursor() string
	// SaveCursor persists the position reached, after its events are published.
	SaveCursor(ctx context.Context, cursor string) error
	// DeadLetter keeps a payload that could not be understood, with the reason.
	DeadLetter(ctx context.Context, raw []byte, reason string) error
	// Connected reports the connection is up (status "connected").
	Connected()
}

// Event is one message read from a network, with the payload it came from.
type Event struct {
	Raw []byte          // the network's payload, kept if the message is refused
	Msg message.Inbound // the documented inbound shape, validated by the pipeline
}

// Kind is a network's connector: how to build it for an account.
type Kind struct {
	Name     string   // the account kind: mastodon, bluesky, meta, feed, email, xapi
	Channels []string // the message channels it publishes and answers on
	// Secrets names the credentials the kind uses, for the API's help.
	Secrets []string
	// New checks an account's configuration and builds its connector. A
	// connector that also implements pipeline.Sender answers replies.
	New func(acc Account) (Connector, error)
}

// Account is a configured account as a connector sees it: the secrets open.
type Account struct {
	ID        int64
	Kind      string
	Handle    string
	Community string
	Config    json.RawMessage
	Secrets   map[string]string
}

// Decode reads the account's configuration into v, refusing unknown fields.
func (a Account) Decode(v any) error {
	if len(a.Config) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytesReader(a.Config))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s account config: %w", a.Kind, err)
	}
	return nil
}

// Secret returns a required secret or a clear error.
func (a Account) Secret(name string) (string, error) {
	v := a.Secrets[name]
	if v == "" {
		return "", fmt.Errorf("%s account %s: secret %q is required", a.Kind, a.Handle, name)
	}
	return v, nil
}

// Registry holds the kinds Switchboard knows.
type Registry struct {
	mu    sync.RWMutex
	kinds map[string]Kind
}

// NewRegistry returns a registry of the given kinds.
func NewRegistry(kinds ...Kind) *Registry {
	r := &Registry{kinds: map[string]Kind{}}
	for _, k := range kinds {
		r.kinds[k.Name] = k
	}
	return r
}

// Kind finds a kind by name.
func (r *Registry) Kind(name string) (Kind, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	k, ok := r.kinds[name]
	return k, ok
}

// Names lists the kinds, sorted.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.kinds))
	for n := range r.kinds {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Text clips a post's text to what a message may carry, on a rune boundary,
// and returns a pointer for message.Inbound.
func Text(s string) *string {
	s = Clip(s, message.MaxTextBytes)
	return &s
}

// Clip cuts s to at most n bytes without splitting a UTF-8 sequence.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// Time formats a time as the inbound schema wants it.
func Time(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// sendersOf reports whether a connector answers replies.
func senderOf(c Connector) (pipeline.Sender, bool) {
	s, ok := c.(pipeline.Sender)
	return s, ok
}

var langHint = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$`)

// Lang keeps a platform's language hint only when the schema accepts it.
func Lang(s string) string {
	if langHint.MatchString(s) {
		return s
	}
	return ""
}
