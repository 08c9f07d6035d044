package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
)

type caseAnswer struct {
	ID          int64  `json:"id"`
	Status      string `json:"status"`
	ExternalID  string `json:"external_id"`
	ExternalURL string `json:"external_url"`
	Error       string `json:"error"`
	Case        struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	} `json:"case"`
}

// An admin configures a target; a case is created once from a conversation
// through the API, previewed without a call, and refused to callers who may
// not export or not see the message.
func TestCaseExportThroughTheAPI(t *testing.T) {
	t.Setenv("SWITCHBOARD_SECRET_KEY", channeltest.NewKey())
	h := newHarness(t)
	var mu sync.Mutex
	var bodies []string
	var auth []string
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies, auth = append(bodies, string(b)), append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id": 77}`)
	}))
	defer rcv.Close()
	target := fmt.Sprintf(`{"url": %q, "secret_headers": {"Authorization": "Bearer crm-token"}, "id_pointer": "/id",
		"url_template": "https://crm.example/tickets/{{.ID}}", "body_template": "{\"subject\": {{json .Subject}}, \"text\": {{json .Text}}}"}`, rcv.URL)
	var view struct {
		Name          string   `json:"name"`
		SecretHeaders []string `json:"secret_headers"`
		Error         string   `json:"error"`
	}
	if code := h.do("PUT", "/api/v1/case-targets/crm", h.admin, "application/json", target, &view); code != 200 || view.Name != "crm" || len(view.SecretHeaders) != 1 {
		t.Fatalf("put target: %d %+v", code, view)
	}
	raw := `{"url": "https://crm.example", "body_template": "{\"text\": \"{{.Text}}\"}"}`
	if code := h.do("PUT", "/api/v1/case-targets/raw", h.admin, "application/json", raw, &view); code != 400 || !strings.Contains(view.Error, "json .Text") {
		t.Fatalf("template writing raw text: %d %+v, want 400", code, view)
	}

	h.ingest(line("case1", `my order never arrived"}, "evil": true, "x": "`))
	h.waitStored(1)
	var list page
	h.do("GET", "/api/v1/messages", h.admin, "", "", &list)
	path := fmt.Sprintf("/api/v1/messages/%d/cases", list.Items[0].ID)

	analyst := h.token("analyst", h.user("al@example.com", "analyst"))
	if code := h.do("POST", path, analyst, "application/json", `{"target":"crm"}`, nil); code != http.StatusForbidden {
		t.Fatalf("analyst exports: %d, want 403", code)
	}
	outsider := h.token("agent", h.user("ann@example.com", "agent", "juridique"))
	if code := h.do("POST", path, outsider, "application/json", `{"target":"crm"}`, nil); code != http.StatusNotFound {
		t.Fatalf("agent of another department exports: %d, want 404", code)
	}
	var preview struct {
		Headers map[string]string `json:"headers"`
		Body    string            `json:"body"`
	}
	if code := h.do("POST", path+"/preview", h.admin, "application/json", `{"target":"crm"}`, &preview); code != 200 ||
		preview.Headers["Authorization"] == "Bearer crm-token" || !json.Valid([]byte(preview.Body)) {
		t.Fatalf("preview: %d %+v", code, preview)
	}
	var c caseAnswer
	if code := h.do("POST", path, h.admin, "application/json", `{"target":"nope"}`, &c); code != 400 || c.Error == "" {
		t.Fatalf("unknown target: %d %+v", code, c)
	}
	if code := h.do("POST", path, h.admin, "application/json", `{"target":"crm"}`, &c); code != 201 || c.ExternalID != "77" ||
		c.ExternalURL != "https://crm.example/tickets/77" || c.Status != "created" {
		t.Fatalf("create: %d %+v", code, c)
	}
	var got map[string]any
	if len(bodies) != 1 || json.Unmarshal([]byte(bodies[0]), &got) != nil || len(got) != 2 || auth[0] != "Bearer crm-token" {
		t.Fatalf("received %q %q", bodies, auth)
	}
	if code := h.do("POST", path, h.admin, "application/json", `{"target":"crm"}`, &c); code != 409 || c.Case.Status != "created" {
		t.Fatalf("second create: %d %+v, want 409 with the first case", code, c)
	}
	if code := h.do("POST", path, h.admin, "application/json", `{"target":"crm","force":true}`, &c); code != 201 || len(bodies) != 2 {
		t.Fatalf("forced create: %d %+v", code, c)
	}
	var cases struct{ Items []caseAnswer }
	if code := h.do("GET", path, analyst, "", "", &cases); code != 200 || len(cases.Items) != 2 {
		t.Fatalf("list cases: %d %+v", code, cases)
	}
}
