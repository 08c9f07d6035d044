package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func TestPostWithoutCSRFChangesNothing(t *testing.T) {
	h := newHarness(t)
	h.user("ana@example.com", "agent", "juridique")
	m := h.ingest("1", "Mon avocat vous envoie une mise en demeure")
	b := h.browser()
	b.signIn("ana@example.com")
	for _, token := range []string{"", "forged-token"} {
		resp, body := b.post("/m/"+itoa(m.ID)+"/status", url.Values{"status": {"resolved"}, "csrf": {token}})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "formulaire") {
			t.Fatalf("csrf %q: %d, want 403 with the reason", token, resp.StatusCode)
		}
	}
	if got, _ := h.app.Store.Message(context.Background(), m.ID); got.Status != message.StatusNew {
		t.Fatalf("status changed to %s by a forged form", got.Status)
	}
	resp, _ := b.post("/m/"+itoa(m.ID)+"/status", url.Values{"status": {"resolved"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("with the token: %d", resp.StatusCode)
	}
	if got, _ := h.app.Store.Message(context.Background(), m.ID); got.Status != message.StatusResolved {
		t.Fatalf("status %s, want resolved", got.Status)
	}
}

func TestAgentSeesOnlyTheirDepartments(t *testing.T) {
	h := newHarness(t)
	h.user("ana@example.com", "agent", "relation-client")
	legal := h.ingest("1", "Mon avocat vous envoie une mise en demeure")
	if legal.Department != "juridique" {
		t.Fatalf("routed to %s, want juridique", legal.Department)
	}
	b := h.browser()
	b.signIn("ana@example.com")
	for _, path := range []string{"/m/" + itoa(legal.ID), "/queue/juridique"} {
		if code, body := b.get(path); code != http.StatusForbidden || strings.Contains(body, "mise en demeure") {
			t.Fatalf("GET %s: %d, want 403 without the message", path, code)
		}
	}
	if resp, _ := b.post("/m/"+itoa(legal.ID)+"/assign", url.Values{"user_id": {"me"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("assign another department's message: %d", resp.StatusCode)
	}
	if code, body := b.get("/?q=avocat"); code != 200 || strings.Contains(body, "mise en demeure") {
		t.Fatalf("search shows another department's message (%d)", code)
	}
	if code, _ := b.get("/m/999999"); code != http.StatusNotFound {
		t.Fatalf("unknown message: %d", code)
	}
	if code, _ := b.get("/admin/users"); code != http.StatusForbidden {
		t.Fatalf("agent on the people page: %d", code)
	}
}

func TestSocialTextIsShownAsText(t *testing.T) {
	h := newHarness(t)
	h.user("root@example.com", "admin")
	payload := `<script>alert(1)</script><img src=x onerror="alert(2)"> voir https://example.com/a?b=1&c=2 et javascript:alert(3)`
	m := h.ingest("x", payload)
	b := h.browser()
	b.signIn("root@example.com")
	for _, path := range []string{"/m/" + itoa(m.ID), "/"} {
		code, body := b.get(path)
		if code != 200 {
			t.Fatalf("GET %s: %d", path, code)
		}
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Fatalf("GET %s: the payload is live HTML", path)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Fatalf("GET %s: the payload is not shown as text", path)
		}
	}
	_, body := b.get("/m/" + itoa(m.ID))
	if !strings.Contains(body, `<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer" target="_blank">`) {
		t.Fatalf("the address is not a safe link")
	}
	if strings.Contains(body, `href="javascript:`) {
		t.Fatalf("a javascript: address became a link")
	}
}

func TestQueueActions(t *testing.T) {
	h := newHarness(t)
	ana := h.user("ana@example.com", "agent", "relation-client")
	h.user("leo@example.com", "agent", "support-produit")
	m := h.ingest("1", "Mon colis est perdu, je veux un remboursement, service client nul")
	if m.Department != "relation-client" {
		t.Skipf("the model routed the test message to %s", m.Department)
	}
	b := h.browser()
	b.signIn("ana@example.com")
	id := itoa(m.ID)
	b.get("/m/" + id)
	steps := []struct {
		path string
		form url.Values
		code int
	}{
		{"/assign", url.Values{"user_id": {"me"}}, 303},
		{"/priority", url.Values{"priority": {"urgent"}}, 303},
		{"/priority", url.Values{"priority": {"whenever"}}, 400},
		{"/status", url.Values{"status": {"done"}}, 400},
		{"/assign", url.Values{"user_id": {"424242"}}, 400},
		{"/notes", url.Values{"body": {"@leo peux-tu regarder ?"}}, 303},
		{"/reroute", url.Values{"department": {"nowhere"}}, 400},
		{"/reroute", url.Values{"department": {"support-produit"}, "reason": {"c'est un bug"}}, 303},
	}
	leo := h.browser()
	leo.signIn("leo@example.com")
	for i, s := range steps {
		if resp, _ := b.post("/m/"+id+s.path, s.form); resp.StatusCode != s.code {
			t.Fatalf("POST %s %v: %d, want %d", s.path, s.form, resp.StatusCode, s.code)
		}
		if i == 5 { // mentioned, Leo may open the conversation of another department
			if code, _ := leo.get("/m/" + id); code != 200 {
				t.Fatalf("leo, mentioned: %d", code)
			}
		}
	}
	got, _ := h.app.Store.Message(context.Background(), m.ID)
	if got.AssigneeID != ana.ID || got.Priority != message.PriorityUrgent || got.Department != "support-produit" || got.Class != message.ClassTechnical {
		t.Fatalf("after the actions: %+v", got.Decision)
	}
	ds, _ := h.app.Store.Decisions(context.Background(), m.ID)
	if ds[len(ds)-1].Kind != "correction" || ds[len(ds)-1].Reason != "c'est un bug" {
		t.Fatalf("re-route not recorded as a correction: %+v", ds)
	}
	// Leo, mentioned and now in charge, sees it; Ana no longer does.
	if code, body := leo.get("/m/" + id); code != 200 || !strings.Contains(body, "@leo peux-tu regarder") {
		t.Fatalf("leo: %d", code)
	}
	if code, body := leo.get("/mentions"); code != 200 || !strings.Contains(body, "@leo peux-tu regarder") || !strings.Contains(body, `href="/m/`+id+`"`) {
		t.Fatalf("leo's mentions: %d", code)
	}
	if code, _ := b.get("/queue/support-produit"); code != http.StatusForbidden {
		t.Fatalf("ana on support's queue: %d", code)
	}
}
