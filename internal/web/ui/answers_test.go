package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

func TestAnswersLibraryPages(t *testing.T) {
	h := newHarness(t)
	h.user("lea@example.com", "lead", "relation-client")
	h.user("ana@example.com", "agent", "relation-client")
	lead, agent := h.browser(), h.browser()
	lead.signIn("lea@example.com")
	agent.signIn("ana@example.com")
	form := url.Values{"id": {"colis-perdu"}, "kind": {"answer"}, "title": {"Colis perdu"}, "language": {"fr"},
		"body": {"Bonjour {{author.name}}, nous ouvrons une enquête."}, "classes": {"complaint"}, "examples": {"mon colis est perdu\nje n'ai pas reçu ma commande"}}
	if code, _ := agent.get("/answers/new"); code != http.StatusForbidden {
		t.Fatalf("agent writes answers: %d", code)
	}
	lead.get("/answers/new")
	bad := url.Values{"title": {"Sans texte"}}
	if resp, _ := lead.post("/answers", bad); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("answer without body: %d", resp.StatusCode)
	}
	if resp, _ := lead.post("/answers", form); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/answers/colis-perdu" {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	rec, _ := h.app.Store.Answer(context.Background(), "colis-perdu")
	if rec.State != knowledge.StateDraft || len(rec.Examples) != 2 {
		t.Fatalf("created %+v, want a draft with two examples", rec)
	}
	m := h.ingest("1", "Mon colis est perdu depuis dix jours, je veux un remboursement, service client nul")
	if _, body := agent.get("/m/" + itoa(m.ID)); strings.Contains(body, "nous ouvrons une enquête") {
		t.Fatal("a draft is suggested")
	}
	lead.get("/answers/colis-perdu")
	if resp, _ := lead.post("/answers/colis-perdu/state", url.Values{"state": {"approved"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	if _, body := agent.get("/m/" + itoa(m.ID)); m.Department == "relation-client" && !strings.Contains(body, "Bonjour Ana, nous ouvrons une enquête.") {
		t.Fatal("the approved answer is not suggested")
	}
	// An edit with an old version is refused; a fresh edit makes a new version, a draft again.
	form.Set("version", "1")
	form.Set("title", "Colis perdu (enquête)")
	if resp, _ := lead.post("/answers/colis-perdu", form); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("stale edit: %d", resp.StatusCode)
	}
	form.Set("version", "2")
	if resp, _ := lead.post("/answers/colis-perdu", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	if code, body := lead.get("/answers/colis-perdu"); code != 200 || !strings.Contains(body, "Colis perdu (enquête)") {
		t.Fatalf("answer page: %d", code)
	}
	rec, _ = h.app.Store.Answer(context.Background(), "colis-perdu")
	if rec.Version != 3 || rec.State != knowledge.StateDraft {
		t.Fatalf("after the edit: version %d, %s", rec.Version, rec.State)
	}
	if code, body := agent.get("/answers"); code != 200 || !strings.Contains(body, "Colis perdu (enquête)") {
		t.Fatalf("agent reads the library: %d", code)
	}
}
