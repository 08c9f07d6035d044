package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

type harness struct {
	t     *testing.T
	url   string
	app   *app.App
	admin string
}

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
	srv := &api.Server{Store: a.Store, Bus: a.Bus, Router: a.Router, Log: log, Gatherer: a.Registry, Models: a, Version: "test", MaxBodyBytes: 256 << 10}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); cancel(); <-done; a.Close() })
	h := &harness{t: t, url: hs.URL, app: a}
	h.admin = h.token("admin", 0)
	return h
}

func (h *harness) token(role string, userID int64) string {
	plain, hash, _ := access.NewToken()
	if _, err := h.app.Store.CreateToken(context.Background(), store.Actor{Name: "test"}, role+"-token", role, userID, hash); err != nil {
		h.t.Fatal(err)
	}
	return plain
}

func (h *harness) user(email, role string, deps ...string) int64 {
	u, err := h.app.Store.CreateUser(context.Background(), store.Actor{Name: "test"}, store.User{Email: email, Role: role, Departments: deps}, "")
	if err != nil {
		h.t.Fatal(err)
	}
	return u.ID
}

// do sends a request and decodes the JSON answer into out (if not nil).
func (h *harness) do(method, path, token, contentType, body string, out any) int {
	h.t.Helper()
	req, _ := http.NewRequest(method, h.url+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			h.t.Fatalf("%s %s: %d %s: %v", method, path, resp.StatusCode, raw, err)
		}
	}
	return resp.StatusCode
}

type ingestResult struct {
	Accepted   int `json:"accepted"`
	Duplicates int `json:"duplicates"`
	Rejected   []struct {
		Line  int    `json:"line"`
		Error string `json:"error"`
	} `json:"rejected"`
}

func line(id, text string) string {
	return fmt.Sprintf(`{"channel":"mastodon","external_id":%q,"text":%q,"created_at":"2026-11-23T09:%02d:00Z","author":{"handle":"@a@b.c","followers":5}}`, id, text, len(id)%60)
}

func (h *harness) ingest(lines ...string) ingestResult {
	h.t.Helper()
	var res ingestResult
	code := h.do("POST", "/api/v1/ingest", h.admin, "application/x-ndjson", strings.Join(lines, "\n"), &res)
	if code != http.StatusAccepted && code != http.StatusOK {
		h.t.Fatalf("ingest: %d %+v", code, res)
	}
	return res
}

func (h *harness) waitStored(n int64) {
	h.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got, _ := h.app.Store.CountMessages(context.Background()); got == n {
			return
		}
	}
	got, _ := h.app.Store.CountMessages(context.Background())
	h.t.Fatalf("stored %d, want %d", got, n)
}

type page struct {
	Items []struct {
		ID         int64  `json:"id"`
		ExternalID string `json:"external_id"`
		Department string `json:"department"`
		Class      string `json:"class"`
		Lang       string `json:"lang"`
		Status     string `json:"status"`
		Sentiment  string `json:"sentiment"`
		Reason     string `json:"reason"`
	} `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func TestAuthAndRoles(t *testing.T) {
	h := newHarness(t)
	var e struct{ Error string }
	if code := h.do("GET", "/api/v1/messages", "", "", "", &e); code != 401 || !strings.Contains(e.Error, "bearer") {
		t.Fatalf("no token: %d %q", code, e.Error)
	}
	if code := h.do("GET", "/api/v1/messages", "sb_nope", "", "", &e); code != 401 {
		t.Fatalf("bad token: %d", code)
	}
	analyst := h.token("analyst", 0)
	if code := h.do("POST", "/api/v1/ingest", analyst, "application/json", line("1", "x"), &e); code != 403 {
		t.Fatalf("analyst ingest: %d", code)
	}
	if code := h.do("GET", "/api/v1/users", analyst, "", "", &e); code != 403 {
		t.Fatalf("analyst users: %d", code)
	}
	if code := h.do("GET", "/api/v1/messages", analyst, "", "", &page{}); code != 200 {
		t.Fatalf("analyst read: %d", code)
	}
	var tok struct {
		Token string `json:"token"`
		ID    int64  `json:"id"`
	}
	if code := h.do("POST", "/api/v1/tokens", h.admin, "", `{"name":"ci","role":"lead"}`, &tok); code != 201 || !strings.HasPrefix(tok.Token, "sb_") {
		t.Fatalf("create token: %d %+v", code, tok)
	}
	if code := h.do("GET", "/api/v1/rules", tok.Token, "", "", nil); code != 200 {
		t.Fatalf("new token: %d", code)
	}
	h.do("DELETE", fmt.Sprintf("/api/v1/tokens/%d", tok.ID), h.admin, "", "", nil)
	if code := h.do("GET", "/api/v1/rules", tok.Token, "", "", &e); code != 401 {
		t.Fatalf("revoked token: %d", code)
	}
	if code := h.do("GET", "/healthz", "", "", "", nil); code != 200 {
		t.Fatalf("healthz: %d", code)
	}
}

func TestAgentSeesOnlyTheirDepartments(t *testing.T) {
	h := newHarness(t)
	agent := h.token("agent", h.user("sam@example.com", "agent", "support-produit"))
	loner := h.token("agent", 0) // an agent token for nobody sees nothing
	h.ingest(line("c1", "Mon colis est perdu, remboursement svp, c'est inadmissible"),
		line("t1", "L'appli plante à chaque mise à jour, erreur de connexion"))
	h.waitStored(2)
	var p page
	h.do("GET", "/api/v1/messages", agent, "", "", &p)
	if len(p.Items) != 1 || p.Items[0].Department != "support-produit" {
		t.Fatalf("agent sees %+v", p.Items)
	}
	var all page
	h.do("GET", "/api/v1/messages", h.admin, "", "", &all)
	var other int64
	for _, m := range all.Items {
		if m.Department != "support-produit" {
			other = m.ID
		}
	}
	if code := h.do("GET", fmt.Sprintf("/api/v1/messages/%d", other), agent, "", "", nil); code != 404 {
		t.Fatalf("agent read another department's message: %d", code)
	}
	if code := h.do("POST", fmt.Sprintf("/api/v1/messages/%d/status", other), agent, "", `{"status":"resolved"}`, nil); code != 404 {
		t.Fatalf("agent changed another department's message: %d", code)
	}
	h.do("GET", "/api/v1/messages", loner, "", "", &p)
	if len(p.Items) != 0 {
		t.Fatalf("agent without departments sees %d", len(p.Items))
	}
}

func TestIngestValidation(t *testing.T) {
	h := newHarness(t)
	var res ingestResult
	code := h.do("POST", "/api/v1/ingest", h.admin, "application/json", line("a", "Bonjour, une question sur vos tarifs ?"), &res)
	if code != 202 || res.Accepted != 1 {
		t.Fatalf("single: %d %+v", code, res)
	}
	batch := strings.Join([]string{
		line("b", "ok"), `{"channel":"mastodon"`, line("b", "same id in the batch"), line("a", "already sent"),
		`{"channel":"mastodon","external_id":"c","created_at":"2026-11-23T09:00:00Z","author":{"handle":"h"}}`,
		"{\"channel\":\"mastodon\",\"external_id\":\"d\",\"text\":\"\xff\",\"created_at\":\"2026-11-23T09:00:00Z\",\"author\":{\"handle\":\"h\"}}",
		line("e", strings.Repeat("x", 70_000)),
	}, "\n")
	code = h.do("POST", "/api/v1/ingest", h.admin, "application/x-ndjson", batch, &res)
	if code != 202 || res.Accepted != 1 || res.Duplicates != 2 || len(res.Rejected) != 4 {
		t.Fatalf("mixed batch: %d %+v", code, res)
	}
	want := map[int]string{2: "malformed JSON", 5: "missing field: text", 6: "invalid UTF-8", 7: "longer than"}
	for _, r := range res.Rejected {
		if !strings.Contains(r.Error, want[r.Line]) {
			t.Errorf("line %d: %q, want %q", r.Line, r.Error, want[r.Line])
		}
	}
	code = h.do("POST", "/api/v1/ingest", h.admin, "application/x-ndjson", "nope\n{}", &res)
	if code != 400 || res.Accepted != 0 || len(res.Rejected) != 2 {
		t.Fatalf("all bad: %d %+v", code, res)
	}
	var e struct{ Error string }
	if code := h.do("POST", "/api/v1/ingest", h.admin, "text/csv", "a,b", &e); code != 400 {
		t.Fatalf("csv: %d", code)
	}
	big := strings.Repeat(line("z", "x")+"\n", 3000) // ~300 KiB > the 256 KiB limit of the harness
	if code := h.do("POST", "/api/v1/ingest", h.admin, "application/x-ndjson", big, &e); code != 413 {
		t.Fatalf("oversized: %d %s", code, e.Error)
	}
	h.waitStored(2)
}

func TestPaginationAndFilters(t *testing.T) {
	h := newHarness(t)
	var lines []string
	for i := 0; i < 23; i++ {
		lines = append(lines, line(fmt.Sprintf("m%02d", i), fmt.Sprintf("Mon colis numéro %d est perdu, remboursement", i)))
	}
	lines = append(lines, line("en1", "My flight was cancelled and nobody answers, unacceptable"))
	h.ingest(lines...)
	h.waitStored(24)
	seen := map[int64]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		var p page
		if code := h.do("GET", "/api/v1/messages?limit=10&cursor="+cursor, h.admin, "", "", &p); code != 200 {
			t.Fatalf("page %d: %d", pages, code)
		}
		for _, m := range p.Items {
			if seen[m.ID] {
				t.Fatalf("message %d twice", m.ID)
			}
			seen[m.ID] = true
		}
		if p.NextCursor == nil {
			break
		}
		cursor = *p.NextCursor
	}
	if len(seen) != 24 {
		t.Fatalf("paged %d, want 24", len(seen))
	}
	var p page
	h.do("GET", "/api/v1/messages?lang=en&q=cancelled", h.admin, "", "", &p)
	if len(p.Items) != 1 || p.Items[0].ExternalID != "en1" || p.Items[0].Sentiment != "negative" {
		t.Fatalf("search: %+v", p.Items)
	}
	for _, bad := range []string{"limit=0", "limit=x", "status=closed", "class=gossip", "since=yesterday", "cursor=%21%21"} {
		var e struct{ Error string }
		if code := h.do("GET", "/api/v1/messages?"+bad, h.admin, "", "", &e); code != 400 || e.Error == "" {
			t.Errorf("%s: %d %q", bad, code, e.Error)
		}
	}
}

func TestRerouteStatusAndAssign(t *testing.T) {
	h := newHarness(t)
	sam := h.user("sam@example.com", "agent", "juridique")
	h.ingest(line("x", "Mon colis est perdu, remboursement"))
	h.waitStored(1)
	var p page
	h.do("GET", "/api/v1/messages", h.admin, "", "", &p)
	id := p.Items[0].ID
	path := fmt.Sprintf("/api/v1/messages/%d", id)
	var m struct {
		Department string `json:"department"`
		Class      string `json:"class"`
		Status     string `json:"status"`
		AssigneeID int64  `json:"assignee_id"`
	}
	if code := h.do("POST", path+"/reroute", h.admin, "", `{"department":"juridique","reason":"formal notice"}`, &m); code != 200 || m.Department != "juridique" || m.Class != "legal" {
		t.Fatalf("reroute: %d %+v", code, m)
	}
	cs, _ := h.app.Store.Corrections(context.Background(), 0, 10)
	if len(cs) != 1 || cs[0].Label != "legal" {
		t.Fatalf("corrections: %+v", cs)
	}
	for body, want := range map[string]int{`{"department":"nowhere"}`: 400, `{"department":"juridique","class":"gossip"}`: 400, `{"dept":"x"}`: 400, ``: 400} {
		if code := h.do("POST", path+"/reroute", h.admin, "", body, nil); code != want {
			t.Errorf("reroute %s: %d", body, code)
		}
	}
	if code := h.do("POST", path+"/status", h.admin, "", `{"status":"closed"}`, nil); code != 400 {
		t.Fatalf("bad status: %d", code)
	}
	h.do("POST", path+"/status", h.admin, "", `{"status":"waiting"}`, &m)
	samTok := h.token("agent", sam)
	if code := h.do("POST", path+"/assign", samTok, "", `{}`, &m); code != 200 || m.AssigneeID != sam || m.Status != "waiting" {
		t.Fatalf("claim: %d %+v", code, m)
	}
	if code := h.do("POST", "/api/v1/messages/999999/status", h.admin, "", `{"status":"open"}`, nil); code != 404 {
		t.Fatalf("missing message: %d", code)
	}
	var detail struct {
		Thread    []any `json:"thread"`
		Decisions []any `json:"decisions"`
	}
	h.do("GET", path, h.admin, "", "", &detail)
	if len(detail.Thread) != 1 || len(detail.Decisions) != 2 {
		t.Fatalf("detail: %+v", detail)
	}
}

func TestRoutingChangesApplyAtOnce(t *testing.T) {
	h := newHarness(t)
	var e struct{ Error string }
	if code := h.do("PUT", "/api/v1/departments/presse", h.admin, "", `{"name":"Presse","classes":["legal"]}`, &e); code != 400 || !strings.Contains(e.Error, "taken by both") {
		t.Fatalf("class taken twice: %d %q", code, e.Error)
	}
	if code := h.do("PUT", "/api/v1/departments/presse", h.admin, "", `{"name":"Presse","sla":{"first_response":"30m"}}`, nil); code != 200 {
		t.Fatalf("new department: %d", code)
	}
	rules := `{"items":[{"name":"journalists","when":{"keywords":["journaliste","interview"]},"then":{"department":"presse","priority":"high"}}]}`
	if code := h.do("PUT", "/api/v1/rules", h.admin, "", rules, nil); code != 200 {
		t.Fatalf("rules: %d", code)
	}
	if code := h.do("PUT", "/api/v1/rules", h.admin, "", `{"items":[{"name":"x","then":{"department":"nowhere"}}]}`, &e); code != 400 {
		t.Fatalf("bad rules: %d", code)
	}
	h.ingest(line("j", "Bonjour, je suis journaliste au Monde, une interview ?"))
	h.waitStored(1)
	var p page
	h.do("GET", "/api/v1/messages?department=presse", h.admin, "", "", &p)
	if len(p.Items) != 1 || !strings.Contains(p.Items[0].Reason, "journalists") {
		t.Fatalf("new rule not applied: %+v", p.Items)
	}
	if code := h.do("DELETE", "/api/v1/departments/presse", h.admin, "", "", &e); code != 409 {
		t.Fatalf("delete a department a rule uses: %d %q", code, e.Error)
	}
}

func TestOpenAPIDocumentsEveryEndpoint(t *testing.T) {
	h := newHarness(t)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if code := h.do("GET", "/api/v1/openapi.json", "", "", "", &doc); code != 200 || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi: %d %s", code, doc.OpenAPI)
	}
	srv := &api.Server{}
	for _, e := range srv.Endpoints() {
		method, path, _ := strings.Cut(e, " ")
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("%s is not in openapi.json", e)
		}
	}
}

func TestEventsStream(t *testing.T) {
	h := newHarness(t)
	req, _ := http.NewRequest("GET", h.url+"/api/v1/events", nil)
	req.Header.Set("Authorization", "Bearer "+h.admin)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 64)
	resp.Body.Read(buf) // the opening comment: subscribed
	h.ingest(line("live", "L'appli plante encore"))
	var got bytes.Buffer
	chunk := make([]byte, 4096)
	for !strings.Contains(got.String(), "\n\n") || !strings.Contains(got.String(), "data:") {
		n, err := resp.Body.Read(chunk)
		if err != nil {
			t.Fatalf("read events: %v (got %q)", err, got.String())
		}
		got.Write(chunk[:n])
	}
	if !strings.Contains(got.String(), "event: message.routed") || !strings.Contains(got.String(), `"external_id":"live"`) {
		t.Fatalf("event = %q", got.String())
	}
}
