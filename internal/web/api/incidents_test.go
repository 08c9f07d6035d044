package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func (h *harness) openIncident() store.Incident {
	h.t.Helper()
	in, err := h.app.Store.OpenIncident(context.Background(), store.Actor{Name: "test"}, store.NewIncident{
		Community: "fibre", Severity: "high", Title: "Burst: panne", Terms: []string{"panne"},
		Alerts: json.RawMessage(`[]`), StartedAt: time.Now(),
		Rule: route.Rule{When: route.Conditions{Keywords: []string{"panne"}}, Then: route.Actions{Department: "direction-generale", RequireApproval: true}},
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return in
}

func (h *harness) keyMessage(id string, state knowledge.State) {
	h.t.Helper()
	rec := knowledge.Record{Kind: knowledge.KindKeyMessage, Answer: knowledge.Answer{ID: id, Title: "Panne", Body: "Nos équipes rétablissent le service.", State: state}}
	if _, err := h.app.Store.ImportAnswers(context.Background(), store.Actor{Name: "test"}, []knowledge.Record{rec}); err != nil {
		h.t.Fatal(err)
	}
}

func TestIncidentAPIPermissionsAndActions(t *testing.T) {
	h := newHarness(t)
	in := h.openIncident()
	path := fmt.Sprintf("/api/v1/incidents/%d", in.ID)
	analyst, exec, agent := h.token("analyst", 0), h.token("executive", h.user("dg@example.com", "executive")), h.token("agent", 0)
	var list struct{ Incidents []store.Incident }
	if code := h.do("GET", "/api/v1/incidents?status=open", analyst, "", "", &list); code != 200 || len(list.Incidents) != 1 {
		t.Fatalf("analyst list: %d %+v", code, list)
	}
	if code := h.do("GET", "/api/v1/incidents?limit=lots", analyst, "", "", nil); code != 400 {
		t.Fatalf("bad limit: %d", code)
	}
	if code := h.do("GET", "/api/v1/incidents?status=pending", analyst, "", "", nil); code != 400 {
		t.Fatalf("bad status: %d", code)
	}
	if code := h.do("GET", path, agent, "", "", nil); code != 403 {
		t.Fatalf("agent read an incident: %d", code)
	}
	if code := h.do("POST", path+"/acknowledge", analyst, "", "", nil); code != 403 {
		t.Fatalf("analyst acknowledged: %d", code)
	}
	var rep struct {
		store.Incident
		Timeline []any `json:"timeline"`
	}
	if code := h.do("POST", path+"/acknowledge", exec, "", "", &rep); code != 200 || rep.AcknowledgedBy == "" {
		t.Fatalf("executive acknowledge: %d %+v", code, rep.Incident)
	}
	if code := h.do("POST", path+"/owner", exec, "application/json", `{"user_id": 9999}`, nil); code != 400 {
		t.Fatalf("owner who does not exist: %d", code)
	}
	h.keyMessage("draft-km", knowledge.StateDraft)
	if code := h.do("POST", path+"/holding-statement", exec, "application/json", `{"answer_id": "draft-km"}`, nil); code != 400 {
		t.Fatalf("draft key message as holding statement: %d", code)
	}
	h.keyMessage("panne-km", knowledge.StateApproved)
	if code := h.do("POST", path+"/holding-statement", exec, "application/json", `{"answer_id": "panne-km"}`, &rep); code != 200 ||
		rep.HoldingStatement != "Nos équipes rétablissent le service." || rep.HoldingAnswerID != "panne-km" {
		t.Fatalf("holding statement: %d %+v", code, rep.Incident)
	}
	h.checkClose(in, path, exec)
}

func (h *harness) checkClose(in store.Incident, path, exec string) {
	t := h.t
	if code := h.do("POST", path+"/close", exec, "application/json", `{"postmortem": ""}`, nil); code != 400 {
		t.Fatalf("close without a note: %d", code)
	}
	if got, _ := h.app.Store.Incident(context.Background(), in.ID); got.Status != store.IncidentOpen {
		t.Fatalf("refused close changed the status: %s", got.Status)
	}
	if code := h.do("POST", path+"/close", exec, "application/json", `{"postmortem": "Panne réseau de 2 h; message d'attente publié."}`, nil); code != 200 {
		t.Fatalf("close: %d", code)
	}
	for _, r := range h.app.Router.Config().Rules {
		if r.Name == in.RuleName {
			t.Fatalf("router still has %s after close", r.Name)
		}
	}
	if code := h.do("POST", path+"/acknowledge", exec, "", "", nil); code != 409 {
		t.Fatalf("acknowledge a closed incident: %d", code)
	}
	if code := h.do("GET", "/api/v1/incidents/424242", exec, "", "", nil); code != 404 {
		t.Fatalf("missing incident: %d", code)
	}
}
