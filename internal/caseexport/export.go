package caseexport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// bodyExcerpt is how much of the external system's answer is kept.
const bodyExcerpt = 2048

// masked replaces a secret header's value in a preview.
const masked = "••••••"

// Exporter sends conversations to the configured targets.
type Exporter struct {
	Store   *store.Store
	Keys    *channel.Keyring // opens the targets' secret headers
	BaseURL string           // Switchboard's address, for the link in a case
	Client  *http.Client     // nil: a client that follows no redirect
}

// Request is what would be or was sent to the external system.
type Request struct {
	Target  string            `json:"target"`
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

// Preview renders the request a target would receive for the message's
// conversation; secret header values are masked.
func (e *Exporter) Preview(ctx context.Context, target string, messageID int64) (Request, error) {
	t, c, err := e.load(ctx, target, messageID)
	if err != nil {
		return Request{}, err
	}
	req, _, err := e.request(t, c, true)
	return req, err
}

// load reads the target and the conversation of the message.
func (e *Exporter) load(ctx context.Context, target string, messageID int64) (store.CaseTarget, Conversation, error) {
	t, err := e.Store.CaseTarget(ctx, target)
	if errors.Is(err, store.ErrNotFound) {
		return t, Conversation{}, fmt.Errorf("%w: no target named %q", ErrInvalid, target)
	}
	if err != nil {
		return t, Conversation{}, err
	}
	m, err := e.Store.Message(ctx, messageID)
	if err != nil {
		return t, Conversation{}, err
	}
	thread, err := e.Store.Thread(ctx, m.ThreadID)
	if err != nil {
		return t, Conversation{}, err
	}
	return t, NewConversation(m, thread, e.BaseURL), nil
}

// request renders the call; mask hides secret header values.
func (e *Exporter) request(t store.CaseTarget, c Conversation, mask bool) (Request, map[string]string, error) {
	secrets, err := e.Keys.Open(t.SecretHeaders, sealedFor(t.Name))
	if err != nil {
		return Request{}, nil, fmt.Errorf("case target %q: %w", t.Name, err)
	}
	body, err := RenderBody(t.BodyTemplate, c, isJSON(t.Headers))
	if err != nil {
		return Request{}, nil, fmt.Errorf("%w: target %q: %w", ErrInvalid, t.Name, err)
	}
	req := Request{Target: t.Name, Method: t.Method, URL: t.URL, Headers: map[string]string{}, Body: string(body)}
	if isJSON(t.Headers) {
		req.Headers["Content-Type"] = "application/json"
	}
	for k, v := range t.Headers {
		req.Headers[http.CanonicalHeaderKey(k)] = v
	}
	for k, v := range secrets {
		if mask {
			v = masked
		}
		req.Headers[http.CanonicalHeaderKey(k)] = v
	}
	return req, secrets, nil
}

// Create sends the message's conversation to the target and records the
// case, whatever the answer: a live case of the same conversation and
// target fails with store.ErrCaseExists unless force. A case the external
// system refused or did not answer is returned with status failed and an
// error saying why.
func (e *Exporter) Create(ctx context.Context, a store.Actor, target string, messageID int64, force bool) (store.Case, error) {
	t, c, err := e.load(ctx, target, messageID)
	if err != nil {
		return store.Case{}, err
	}
	req, _, err := e.request(t, c, false)
	if err != nil {
		return store.Case{}, err
	}
	timeout := time.Duration(t.TimeoutMS) * time.Millisecond
	cs, err := e.Store.ClaimCase(ctx, a, store.Case{ThreadID: c.ID, MessageID: messageID, Target: t.Name, Forced: force}, 2*timeout+time.Minute)
	if err != nil {
		return cs, err
	}
	// The call outlives a caller that goes away (bounded by the target's
	// timeout): cut short, a case the system created would be recorded as
	// failed and made again on the next try.
	e.call(context.WithoutCancel(ctx), t, req, timeout, &cs)
	return e.Store.FinishCase(context.WithoutCancel(ctx), a, cs)
}

// call sends the request and fills the case with the answer.
func (e *Exporter) call(ctx context.Context, t store.CaseTarget, req Request, timeout time.Duration, cs *store.Case) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cs.Status = store.CaseFailed
	hr, err := http.NewRequestWithContext(ctx, req.Method, req.URL, bytes.NewReader([]byte(req.Body)))
	if err != nil {
		cs.Error = "request: " + err.Error()
		return
	}
	hr.Header.Set("User-Agent", "Switchboard case export")
	for k, v := range req.Headers {
		hr.Header.Set(k, v)
	}
	resp, err := e.client().Do(hr)
	if err != nil {
		cs.Error = callError(err, timeout)
		return
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	cs.ResponseCode, cs.ResponseBody = resp.StatusCode, excerpt(raw)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		cs.Error = fmt.Sprintf("%s answered %s", t.Name, resp.Status)
		return
	}
	cs.Status = store.CaseCreated
	cs.ExternalID, cs.ExternalURL, cs.Error = readCase(t, raw)
}

// readCase finds the external id and URL in a successful answer; what is
// missing is said in the error, the case still counts as created.
func readCase(t store.CaseTarget, raw []byte) (id, link, problem string) {
	var missing []string
	if t.IDPointer != "" {
		var ok bool
		if id, ok = lookup(raw, t.IDPointer); !ok {
			missing = append(missing, "no id at "+t.IDPointer)
		}
	}
	if t.URLPointer != "" {
		var ok bool
		if link, ok = lookup(raw, t.URLPointer); !ok {
			missing = append(missing, "no URL at "+t.URLPointer)
		}
	} else if t.URLTemplate != "" && id != "" {
		link, _ = caseURL(t.URLTemplate, id)
	}
	if len(missing) > 0 {
		problem = "created, but the answer has " + strings.Join(missing, " and ")
	}
	return id, link, problem
}

func callError(err error, timeout time.Duration) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Sprintf("no answer within %s", timeout)
	}
	return "call failed: " + err.Error()
}

// excerpt keeps the start of an answer, cut on a rune boundary; bytes that
// are not UTF-8 are replaced.
func excerpt(raw []byte) string {
	if len(raw) > bodyExcerpt {
		raw = raw[:bodyExcerpt]
		// drop a rune cut in two by the limit (at most utf8.UTFMax-1 bytes)
		for i := 1; i < utf8.UTFMax && i <= len(raw); i++ {
			if r := raw[len(raw)-i]; utf8.RuneStart(r) {
				if !utf8.FullRune(raw[len(raw)-i:]) {
					raw = raw[:len(raw)-i]
				}
				break
			}
		}
	}
	return strings.ToValidUTF8(string(raw), "\uFFFD")
}

func (e *Exporter) client() *http.Client {
	if e.Client != nil {
		return e.Client
	}
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// View is a target as the API shows it: the names of its secret headers,
// never their values.
type View struct {
	store.CaseTarget
	SecretHeaders []string `json:"secret_headers"`
}

// ViewOf shows a target.
func (e *Exporter) ViewOf(t store.CaseTarget) View {
	names, err := SecretHeaderNames(e.Keys, t)
	if err != nil {
		names = []string{"(" + err.Error() + ")"}
	}
	sort.Strings(names)
	return View{CaseTarget: t, SecretHeaders: names}
}
