package ui_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/caseexport"
	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// An agent opens the case page from the conversation, previews the request
// and creates the case; a second try is refused with the offer to force;
// message text shows escaped.
func TestCaseExportPage(t *testing.T) {
	t.Setenv("SWITCHBOARD_SECRET_KEY", channeltest.NewKey())
	h := newHarness(t)
	var calls atomic.Int32
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		calls.Add(1)
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id": "T-9", "url": "javascript:alert(1)"}`)
	}))
	defer rcv.Close()
	keys, err := channel.KeyringFromEnv()
	if err != nil {
		t.Fatal(err)
	}
	e := &caseexport.Exporter{Store: h.app.Store, Keys: keys}
	if _, err := e.Put(context.Background(), store.Actor{Name: "test"}, caseexport.Spec{Name: "zammad", URL: rcv.URL,
		BodyTemplate: `{"title": {{json .Subject}}}`, IDPointer: "/id", URLPointer: "/url"}); err != nil {
		t.Fatal(err)
	}
	m := h.ingest("c1", "<b>colis</b> perdu, je veux un remboursement")
	ag := h.browser()
	h.user("ana@example.com", "agent", m.Department)
	ag.signIn("ana@example.com")
	path := "/m/" + itoa(m.ID)
	if _, body := ag.get(path); !strings.Contains(body, `href="`+path+`/cases"`) {
		t.Fatalf("no case button on the conversation page")
	}
	code, body := ag.get(path + "/cases?target=zammad")
	if code != 200 || !strings.Contains(body, `id="case-request"`) || !strings.Contains(body, `\u003cb\u003ecolis`) || strings.Contains(body, "<b>colis") || calls.Load() != 0 {
		t.Fatalf("preview: %d, %d calls\n%s", code, calls.Load(), body)
	}
	resp, body := ag.post(path+"/cases", url.Values{"target": {"zammad"}})
	if resp.StatusCode != 200 || !strings.Contains(body, `id="case-created"`) || !strings.Contains(body, "T-9") || strings.Contains(body, "javascript:alert") {
		t.Fatalf("create: %d\n%s", resp.StatusCode, body)
	}
	resp, body = ag.post(path+"/cases", url.Values{"target": {"zammad"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, `name="force"`) || calls.Load() != 1 {
		t.Fatalf("second create: %d, %d calls", resp.StatusCode, calls.Load())
	}
	other := h.browser()
	h.user("rex@example.com", "reviewer", m.Department)
	other.signIn("rex@example.com")
	if code, _ := other.get(path + "/cases"); code != http.StatusForbidden {
		t.Fatalf("reviewer opens the case page: %d, want 403", code)
	}
}

// A refusal of the external system is shown with its reason and recorded
// as a failed case; a second try is allowed.
func TestCaseExportPageShowsRefusals(t *testing.T) {
	h := newHarness(t)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"error":"group <Social> unknown"}`, http.StatusUnprocessableEntity)
	}))
	defer rcv.Close()
	e := &caseexport.Exporter{Store: h.app.Store}
	if _, err := e.Put(context.Background(), store.Actor{Name: "test"}, caseexport.Spec{Name: "erp", URL: rcv.URL,
		BodyTemplate: `{"text": {{json .Text}}}`}); err != nil {
		t.Fatal(err)
	}
	m := h.ingest("c2", "facture en double, remboursez-moi")
	ag := h.browser()
	h.user("ana@example.com", "agent", m.Department)
	ag.signIn("ana@example.com")
	path := "/m/" + itoa(m.ID) + "/cases"
	for n := 1; n <= 2; n++ {
		resp, body := ag.post(path, url.Values{"target": {"erp"}})
		if resp.StatusCode != http.StatusBadGateway || !strings.Contains(body, `id="case-problem"`) || !strings.Contains(body, "422") ||
			strings.Count(body, `class="case-failed"`) != n || strings.Contains(body, "<Social>") {
			t.Fatalf("try %d: %d\n%s", n, resp.StatusCode, body)
		}
	}
}
