package ui_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/web"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// harness runs the whole server (app, store on SQLite, embedded JetStream,
// API and inbox) behind an httptest server.
type harness struct {
	t     *testing.T
	url   string
	app   *app.App
	token string // an admin API token, for ingesting
}

const password = "correct horse battery"

func newHarness(t *testing.T) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(ctx, app.Options{DataDir: t.TempDir(), Log: log, Processor: pipeline.ProcessorConfig{AckWait: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { a.Run(ctx); close(done) }()
	srv := &api.Server{Store: a.Store, Bus: a.Bus, Router: a.Router, Log: log, Gatherer: a.Registry, Version: "test"}
	hs := httptest.NewServer(web.Handler(srv, log))
	t.Cleanup(func() { hs.Close(); cancel(); <-done; a.Close() })
	plain, hash, _ := access.NewToken()
	if _, err := a.Store.CreateToken(ctx, store.Actor{Name: "test"}, "admin", "admin", 0, hash); err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, url: hs.URL, app: a, token: plain}
}

// user creates a person who signs in with the test password.
func (h *harness) user(email, role string, deps ...string) store.User {
	h.t.Helper()
	hash, err := access.HashPassword(password)
	if err != nil {
		h.t.Fatal(err)
	}
	u, err := h.app.Store.CreateUser(context.Background(), store.Actor{Name: "test"},
		store.User{Email: email, Name: strings.Split(email, "@")[0], Role: role, Departments: deps}, hash)
	if err != nil {
		h.t.Fatal(err)
	}
	return u
}

// ingest posts one message to the ingest API and waits until it is stored.
func (h *harness) ingest(id, text string) message.Message {
	h.t.Helper()
	body := fmt.Sprintf(`{"channel":"mastodon","external_id":%q,"text":%q,"created_at":"2026-11-23T09:30:00Z","author":{"handle":"@ana@piaille.fr","name":"Ana","followers":120}}`, id, text)
	req, _ := http.NewRequest("POST", h.url+"/api/v1/ingest", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted && resp.StatusCode != http.StatusOK {
		h.t.Fatalf("ingest: %d", resp.StatusCode)
	}
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m, err := h.app.Store.MessageByKey(context.Background(), "mastodon", id); err == nil {
			return m
		}
	}
	h.t.Fatalf("message %s was not stored", id)
	return message.Message{}
}

// browser is a client with its own cookies, like one person's browser.
type browser struct {
	h    *harness
	c    *http.Client
	csrf string
}

func (h *harness) browser() *browser {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{h: h, c: c}
}

var csrfPattern = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// get fetches a page and remembers its CSRF token.
func (b *browser) get(path string) (int, string) {
	b.h.t.Helper()
	resp, err := b.c.Get(b.h.url + path)
	if err != nil {
		b.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if m := csrfPattern.FindSubmatch(raw); m != nil {
		b.csrf = string(m[1])
	}
	return resp.StatusCode, string(raw)
}

// post sends a form with the last CSRF token seen (unless the form has one).
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.h.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok {
		form.Set("csrf", b.csrf)
	}
	resp, err := b.c.PostForm(b.h.url+path, form)
	if err != nil {
		b.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp, string(raw)
}

// signIn signs in and fails the test if it does not work.
func (b *browser) signIn(email string) {
	b.h.t.Helper()
	b.get("/signin")
	resp, body := b.post("/signin", url.Values{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		b.h.t.Fatalf("sign in %s: %d %s", email, resp.StatusCode, body)
	}
	b.get("/")
}
