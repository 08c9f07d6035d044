package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// A second process on the same database and NATS: its suggestions follow
// the changes made through the first.
func TestOtherProcessFollowsChanges(t *testing.T) {
	h := newAnswersHarness(t)
	ix, err := h.app.Store.AnswerIndex(context.Background(), knowledge.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	other := httptest.NewServer((&api.Server{Store: h.app.Store, Bus: h.app.Bus, Router: h.app.Router, Knowledge: ix, Log: log, Gatherer: h.app.Registry}).Handler())
	t.Cleanup(other.Close)
	b := &harness{t: t, url: other.URL, app: h.app, admin: h.admin}
	msg := h.messageID(1, "p1", "Mon colis est perdu depuis dix jours, remboursement svp")
	eventually := func(what string, ok func(suggestions) bool) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if _, s := b.suggest(h.admin, msg); ok(s) {
				return
			}
		}
		t.Fatalf("the other process never saw: %s", what)
	}
	h.do("POST", "/api/v1/answers", h.admin, "", refundJSON, nil)
	h.do("POST", "/api/v1/answers/refund/approve", h.admin, "", "", nil)
	eventually("the approval", func(s suggestions) bool { return len(s.Items) == 1 })
	h.do("POST", "/api/v1/answers/refund/retire", h.admin, "", "", nil)
	eventually("the retirement", func(s suggestions) bool { return len(s.Items) == 0 })
	if n := ix.Len(); n != 0 {
		t.Fatalf("other index holds %d answers, want 0", n)
	}
}
