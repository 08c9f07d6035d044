package ui_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/web"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// TestPresenceAcrossProcesses serves two browsers from two inboxes (each
// with its own memory, as two processes) over one bus: they see each other.
func TestPresenceAcrossProcesses(t *testing.T) {
	h := newHarness(t)
	h.user("ana@example.com", "agent", "juridique")
	h.user("rex@example.com", "reviewer", "juridique")
	m := h.ingest("1", "Mon avocat vous envoie une mise en demeure")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := &api.Server{Store: h.app.Store, Bus: h.app.Bus, Router: h.app.Router, Log: log, Gatherer: h.app.Registry, Version: "test"}
	other := httptest.NewServer(web.Handler(srv, log))
	defer other.Close()
	ana := h.browser()
	ana.signIn("ana@example.com")
	rex := &browser{h: &harness{t: t, url: other.URL, app: h.app}, c: h.browser().c}
	rex.signIn("rex@example.com")
	path := "/m/" + itoa(m.ID) + "/presence"
	viewers := func(b *browser) []string {
		code, body := b.get(path)
		var out struct{ Viewers []string }
		if code != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil {
			t.Fatalf("presence: %d %s", code, body)
		}
		return out.Viewers
	}
	if v := viewers(ana); len(v) != 0 {
		t.Fatalf("alone, ana sees %v", v)
	}
	viewers(rex)
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if v := viewers(ana); len(v) == 1 && v[0] == "rex" {
			if v := viewers(rex); len(v) != 1 || v[0] != "ana" {
				t.Fatalf("rex sees %v", v)
			}
			return
		}
	}
	t.Fatalf("ana never saw rex on the other process")
}
