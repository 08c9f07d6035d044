package meta

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// MaxBody bounds a webhook call.
const MaxBody = 1 << 20

// Handler receives Meta's webhook calls for the running meta accounts of
// the supervisor. It is public: Meta's signature is the authentication.
func Handler(sup *channel.Supervisor) http.Handler { return handler{sup} }

type handler struct{ sup *channel.Supervisor }

func (h handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		h.verify(w, r)
	case http.MethodPost:
		h.receive(w, r)
	default:
		http.Error(w, "GET or POST", http.StatusMethodNotAllowed)
	}
}

func (h handler) connectors() []*Connector {
	var out []*Connector
	for _, r := range h.sup.Running("meta") {
		if c, ok := r.Connector.(*Connector); ok && c.currentSink() != nil {
			out = append(out, c)
		}
	}
	return out
}

// verify answers Meta's subscription check with the challenge when the
// verify token is one of the accounts'.
func (h handler) verify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	challenge := q.Get("hub.challenge")
	if q.Get("hub.mode") != "subscribe" || challenge == "" || len(challenge) > 256 || strings.ContainsAny(challenge, "<>&\"'") {
		http.Error(w, "hub.mode=subscribe, hub.verify_token and hub.challenge are required", http.StatusBadRequest)
		return
	}
	token := []byte(q.Get("hub.verify_token"))
	for _, c := range h.connectors() {
		if subtle.ConstantTimeCompare(token, []byte(c.verifyToken)) == 1 {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, challenge)
			return
		}
	}
	http.Error(w, "wrong verify token", http.StatusForbidden)
}

// receive checks the signature, then publishes the events of each entry
// through the account that owns it.
func (h handler) receive(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		http.Error(w, "body larger than 1 MiB", http.StatusRequestEntityTooLarge)
		return
	}
	signed := signedBy(h.connectors(), raw, r.Header.Get("X-Hub-Signature-256"))
	if len(signed) == 0 {
		http.Error(w, "missing or wrong X-Hub-Signature-256", http.StatusUnauthorized)
		return
	}
	if err := deliver(r.Context(), signed, raw); err != nil {
		w.Header().Set("Retry-After", "30")
		http.Error(w, "not received, send again: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, "ok")
}

// signedBy gives the accounts whose app secret signed the body.
func signedBy(conns []*Connector, body []byte, header string) []*Connector {
	got, err := hex.DecodeString(strings.TrimPrefix(header, "sha256="))
	if err != nil || !strings.HasPrefix(header, "sha256=") || len(got) != sha256.Size {
		return nil
	}
	var out []*Connector
	for _, c := range conns {
		mac := hmac.New(sha256.New, c.appSecret)
		mac.Write(body)
		if hmac.Equal(mac.Sum(nil), got) {
			out = append(out, c)
		}
	}
	return out
}

// deliver hands a signed payload's events to their accounts; an error
// means Meta should send it again.
func deliver(ctx context.Context, signed []*Connector, raw []byte) error {
	p, err := ParsePayload(raw)
	if err != nil {
		return deadLetter(ctx, signed[0], raw, err.Error())
	}
	for _, e := range p.Entry {
		c := owner(signed, p.Object, e.ID)
		if c == nil {
			entry, _ := json.Marshal(e)
			if err := deadLetter(ctx, signed[0], entry, fmt.Sprintf("meta: no account for %s %q", p.Object, e.ID)); err != nil {
				return err
			}
			continue
		}
		if err := c.entry(ctx, p.Object, e); err != nil {
			return err
		}
	}
	return nil
}

func owner(conns []*Connector, object, id string) *Connector {
	for _, c := range conns {
		if c.owns(object, id) {
			return c
		}
	}
	return nil
}

func deadLetter(ctx context.Context, c *Connector, raw []byte, reason string) error {
	sink := c.currentSink()
	if sink == nil {
		return errors.New("account stopping")
	}
	return sink.DeadLetter(ctx, raw, reason)
}

// entry publishes the messages of one entry's changes.
func (c *Connector) entry(ctx context.Context, object string, e Entry) error {
	sink := c.currentSink()
	if sink == nil {
		return errors.New("account stopping")
	}
	at := time.Now().UTC()
	if e.Time > 0 {
		at = time.Unix(e.Time, 0).UTC()
		if e.Time > 1e11 { // milliseconds
			at = time.UnixMilli(e.Time).UTC()
		}
	}
	var events []channel.Event
	for _, ch := range e.Changes {
		ev, err := c.change(ctx, object, at, ch)
		switch {
		case errors.Is(err, errSkip):
		case isTransient(err):
			return err
		case err != nil:
			if err := sink.DeadLetter(ctx, ch.Value, "meta "+object+" "+ch.Field+": "+err.Error()); err != nil {
				return err
			}
		default:
			events = append(events, ev)
		}
	}
	return sink.Publish(ctx, events)
}

// isTransient says whether Meta should send the call again: the Graph API
// was throttled or unreachable.
func isTransient(err error) bool {
	var ra *channel.RetryAfterError
	return errors.As(err, &ra) || errors.Is(err, errTransient)
}

var errMalformed = errors.New("malformed change")

// change makes the message of one change.
func (c *Connector) change(ctx context.Context, object string, at time.Time, ch Change) (channel.Event, error) {
	switch {
	case object == "page" && ch.Field == "feed":
		var v FeedValue
		if err := json.Unmarshal(ch.Value, &v); err != nil {
			return channel.Event{}, fmt.Errorf("%w: %v", errMalformed, err)
		}
		return feedEvent(c.cfg.PageID, at, v, ch.Value)
	case object == "instagram" && ch.Field == "comments":
		var v CommentValue
		if err := json.Unmarshal(ch.Value, &v); err != nil {
			return channel.Event{}, fmt.Errorf("%w: %v", errMalformed, err)
		}
		return commentEvent(c.cfg.InstagramID, at, v, ch.Value)
	case object == "instagram" && ch.Field == "mentions":
		var v MentionValue
		if err := json.Unmarshal(ch.Value, &v); err != nil {
			return channel.Event{}, fmt.Errorf("%w: %v", errMalformed, err)
		}
		return c.mentionEvent(ctx, v, ch.Value)
	}
	return channel.Event{}, errSkip
}
