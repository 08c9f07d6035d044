package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// newAnswersHarness is newHarness with the server given the app's
// suggestion index, as `switchboard serve` does.
func newAnswersHarness(t *testing.T) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(ctx, app.Options{DataDir: t.TempDir(), Log: log, Processor: pipeline.ProcessorConfig{AckWait: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { a.Run(ctx); close(done) }()
	srv := &api.Server{Store: a.Store, Bus: a.Bus, Router: a.Router, Knowledge: a.Knowledge, Log: log, Gatherer: a.Registry, Version: "test", MaxBodyBytes: 256 << 10}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); cancel(); <-done; a.Close() })
	h := &harness{t: t, url: hs.URL, app: a}
	h.admin = h.token("admin", 0)
	return h
}

type answerView struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Title    string   `json:"title"`
	Body     string   `json:"body"`
	State    string   `json:"state"`
	Version  int      `json:"version"`
	Uses     int      `json:"uses"`
	Owner    string   `json:"owner"`
	Examples []string `json:"examples"`
}

type suggestions struct {
	MessageID int64 `json:"message_id"`
	Items     []struct {
		Answer  answerView `json:"answer"`
		Score   float64    `json:"score"`
		Matched []string   `json:"matched"`
		Text    string     `json:"text"`
		Unknown []string   `json:"unknown"`
	} `json:"items"`
}

const refundJSON = `{"id":"refund","title":"Colis perdu : remboursement","body":"Bonjour {{author.name}}, votre colis perdu est remboursé. {{ticket}}","language":"fr","examples":["mon colis n'est jamais arrivé"]}`

// messageID ingests one message and returns its id.
func (h *harness) messageID(n int64, extID, text string) int64 {
	h.t.Helper()
	h.ingest(line(extID, text))
	h.waitStored(n)
	var p page
	h.do("GET", "/api/v1/messages?limit=500", h.admin, "", "", &p)
	for _, m := range p.Items {
		if m.ExternalID == extID {
			return m.ID
		}
	}
	h.t.Fatalf("message %s not listed", extID)
	return 0
}

func (h *harness) suggest(token string, msgID int64) (int, suggestions) {
	h.t.Helper()
	var s suggestions
	code := h.do("GET", fmt.Sprintf("/api/v1/messages/%d/suggestions", msgID), token, "", "", &s)
	return code, s
}

func TestAnswerApprovalDecidesSuggestions(t *testing.T) {
	h := newAnswersHarness(t)
	lead, agent, reviewer := h.token("lead", 0), h.token("agent", 0), h.token("reviewer", 0)
	var a answerView
	if code := h.do("POST", "/api/v1/answers", agent, "", refundJSON, nil); code != 403 {
		t.Fatalf("agent create: %d, want 403", code)
	}
	if code := h.do("POST", "/api/v1/answers", lead, "", refundJSON, &a); code != 201 || a.Version != 1 || a.State != "draft" || a.Kind != "answer" {
		t.Fatalf("create: %d %+v", code, a)
	}
	msg := h.messageID(1, "m1", "Mon colis est perdu depuis dix jours, remboursement svp")
	if _, s := h.suggest(h.admin, msg); len(s.Items) != 0 {
		t.Fatalf("a draft is suggested: %+v", s.Items)
	}
	if code := h.do("POST", "/api/v1/answers/refund/approve", agent, "", "", nil); code != 403 {
		t.Fatalf("agent approve: %d, want 403", code)
	}
	if code := h.do("POST", "/api/v1/answers/refund/approve", reviewer, "", "", &a); code != 200 || a.State != "approved" || a.Version != 2 {
		t.Fatalf("approve: %d %+v", code, a)
	}
	code, s := h.suggest(h.admin, msg)
	if code != 200 || len(s.Items) != 1 || s.Items[0].Answer.ID != "refund" || s.Items[0].Score <= 0 {
		t.Fatalf("suggestions after approval: %d %+v", code, s)
	}
	it := s.Items[0]
	if !strings.HasPrefix(it.Text, "Bonjour @a@b.c, votre colis") || strings.Join(it.Unknown, ",") != "ticket" || !strings.Contains(strings.Join(it.Matched, " "), "colis") {
		t.Fatalf("suggestion text %q, unknown %v, matched %v", it.Text, it.Unknown, it.Matched)
	}
	// An edit without a state goes back to draft: not suggested until approved again.
	edit := strings.Replace(refundJSON, `"id":"refund",`, `"version":2,`, 1)
	if code := h.do("PUT", "/api/v1/answers/refund", lead, "", edit, &a); code != 200 || a.Version != 3 || a.State != "draft" {
		t.Fatalf("edit: %d %+v", code, a)
	}
	if code := h.do("PUT", "/api/v1/answers/refund", lead, "", edit, nil); code != 409 {
		t.Fatalf("edit of version 2 again: %d, want 409", code)
	}
	if _, s := h.suggest(h.admin, msg); len(s.Items) != 0 {
		t.Fatalf("an edited draft is suggested: %+v", s.Items)
	}
	h.do("POST", "/api/v1/answers/refund/approve", reviewer, "", "", nil)
	h.do("POST", "/api/v1/answers/refund/retire", lead, "", "", &a)
	if _, s := h.suggest(h.admin, msg); len(s.Items) != 0 || a.State != "retired" {
		t.Fatalf("a retired answer is suggested: %+v", s.Items)
	}
	var vs struct {
		Items []struct {
			Version int    `json:"version"`
			Action  string `json:"action"`
		} `json:"items"`
	}
	if code := h.do("GET", "/api/v1/answers/refund/versions", agent, "", "", &vs); code != 200 || len(vs.Items) != 5 || vs.Items[0].Action != "retired" || vs.Items[4].Action != "create" {
		t.Fatalf("versions: %d %+v", code, vs)
	}
}

func TestAnswerInputErrors(t *testing.T) {
	h := newAnswersHarness(t)
	cases := []struct{ method, path, body string }{
		{"POST", "/api/v1/answers", `{"id":"bad id","title":"x"}`},
		{"POST", "/api/v1/answers", `{"id":"x","title":"x","classes":["gossip"]}`},
		{"POST", "/api/v1/answers", `{"id":"x","title":"x","uses":9}`},
		{"POST", "/api/v1/answers", `{"id":"export","title":"x"}`},
		{"POST", "/api/v1/answers", `{"id":"x"}`},
		{"PUT", "/api/v1/answers/x", `{"id":"y","title":"x"}`},
		{"GET", "/api/v1/answers?kind=faq", ``},
		{"GET", "/api/v1/answers?limit=0", ``},
	}
	for _, c := range cases {
		var e struct{ Error string }
		if code := h.do(c.method, c.path, h.admin, "", c.body, &e); code != 400 || e.Error == "" {
			t.Errorf("%s %s %s: %d %q, want 400 with a reason", c.method, c.path, c.body, code, e.Error)
		}
	}
	if code := h.do("GET", "/api/v1/answers/nope", h.admin, "", "", nil); code != 404 {
		t.Errorf("missing answer: %d", code)
	}
	var list struct{ Items []answerView }
	if h.do("GET", "/api/v1/answers", h.admin, "", "", &list); len(list.Items) != 0 {
		t.Fatalf("refused input stored %d answers", len(list.Items))
	}
}

func TestSuggestionsRespectDepartments(t *testing.T) {
	h := newAnswersHarness(t)
	h.do("POST", "/api/v1/answers", h.admin, "", strings.Replace(refundJSON, `"language"`, `"state":"approved","language"`, 1), nil)
	msg := h.messageID(1, "c1", "Mon colis est perdu, remboursement svp, c'est inadmissible")
	var m struct {
		Message struct{ Department string } `json:"message"`
	}
	h.do("GET", fmt.Sprintf("/api/v1/messages/%d", msg), h.admin, "", "", &m)
	otherDep := "support-produit"
	if m.Message.Department == otherDep {
		otherDep = "relation-client"
	}
	other := h.token("agent", h.user("sam@example.com", "agent", otherDep))
	mine := h.token("agent", h.user("ana@example.com", "agent", m.Message.Department))
	if code, _ := h.suggest(other, msg); code != 404 {
		t.Fatalf("agent of another department: %d, want 404", code)
	}
	if code, s := h.suggest(mine, msg); code != 200 || len(s.Items) != 1 {
		t.Fatalf("agent of the message's department: %d %+v", code, s)
	}
	if code := h.do("POST", "/api/v1/answers/refund/used", other, "", fmt.Sprintf(`{"message_id":%d}`, msg), nil); code != 404 {
		t.Fatalf("use for another department's message: %d, want 404", code)
	}
}
