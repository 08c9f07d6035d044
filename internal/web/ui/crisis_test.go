package ui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func (h *harness) openIncident() store.Incident {
	h.t.Helper()
	ctx := context.Background()
	in, err := h.app.Store.OpenIncident(ctx, store.Actor{Name: "test"}, store.NewIncident{
		Community: "fibre", Severity: "high", Title: "Burst: panne, reseau", Terms: []string{"panne"},
		Alerts: json.RawMessage(`[]`), StartedAt: time.Now(),
		Rule: route.Rule{When: route.Conditions{Keywords: []string{"panne"}}, Then: route.Actions{Department: "direction-generale", RequireApproval: true}},
	})
	if err != nil {
		h.t.Fatal(err)
	}
	rec := knowledge.Record{Kind: knowledge.KindKeyMessage, Answer: knowledge.Answer{ID: "panne-km", Title: "Panne en cours",
		Body: "Nos équipes rétablissent le service <b>au plus vite</b>.", State: knowledge.StateApproved}}
	if _, err := h.app.Store.ImportAnswers(ctx, store.Actor{Name: "test"}, []knowledge.Record{rec}); err != nil {
		h.t.Fatal(err)
	}
	return in
}

func TestCrisisRoomForExecutivesReadOnlyForAnalysts(t *testing.T) {
	h := newHarness(t)
	in := h.openIncident()
	room := fmt.Sprintf("/crisis/%d", in.ID)
	h.user("dg@example.com", "executive")
	h.user("ana@example.com", "analyst")
	h.user("agent@example.com", "agent", "relation-client")

	agent := h.browser()
	agent.signIn("agent@example.com")
	if code, _ := agent.get("/crisis"); code != http.StatusForbidden {
		t.Fatalf("agent on the crisis room: %d", code)
	}
	analyst := h.browser()
	analyst.signIn("ana@example.com")
	code, body := analyst.get(room)
	if code != 200 || !strings.Contains(body, "Burst: panne, reseau") || strings.Contains(body, `action="`+room+`/acknowledge"`) {
		t.Fatalf("analyst room: %d, actions shown: %v", code, strings.Contains(body, "/acknowledge"))
	}
	if resp, _ := analyst.post(room+"/acknowledge", nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("analyst acknowledged: %d", resp.StatusCode)
	}
	h.executiveActs(in, room)
}

func (h *harness) executiveActs(in store.Incident, room string) {
	t := h.t
	dg := h.browser()
	dg.signIn("dg@example.com")
	if code, body := dg.get("/crisis"); code != 200 || !strings.Contains(body, room) {
		t.Fatalf("crisis list: %d", code)
	}
	dg.get(room)
	if resp, _ := dg.post(room+"/acknowledge", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("acknowledge: %d", resp.StatusCode)
	}
	if resp, _ := dg.post(room+"/holding", url.Values{"answer_id": {"panne-km"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("holding statement: %d", resp.StatusCode)
	}
	_, body := dg.get(room)
	if !strings.Contains(body, "&lt;b&gt;au plus vite&lt;/b&gt;") || !strings.Contains(body, "user:dg@example.com") {
		t.Fatalf("room after acknowledge and holding statement does not show them (escaped)")
	}
	if resp, body := dg.post(room+"/close", url.Values{"postmortem": {" "}}); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "post-mortem") {
		t.Fatalf("close without a note: %d", resp.StatusCode)
	}
	if resp, _ := dg.post(room+"/close", url.Values{"postmortem": {"Réseau rétabli en 2 h."}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", resp.StatusCode)
	}
	got, _ := h.app.Store.Incident(context.Background(), in.ID)
	if got.Status != store.IncidentClosed {
		t.Fatalf("status after close: %s", got.Status)
	}
	for _, r := range h.app.Router.Config().Rules {
		if r.Name == got.RuleName {
			t.Fatalf("router still has %s", r.Name)
		}
	}
}
