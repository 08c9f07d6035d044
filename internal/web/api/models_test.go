package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

type modelList struct {
	InUse string `json:"in_use"`
	Items []struct {
		Version     string `json:"version"`
		Corrections int    `json:"corrections"`
		Active      bool   `json:"active"`
	} `json:"items"`
}

// TestRetrainSwapAndRollback: a re-route becomes training data; the retrained
// model is in use at once (recorded on new decisions); rollback puts back the
// shipped one.
func TestRetrainSwapAndRollback(t *testing.T) {
	h := newHarness(t)
	shipped := h.app.Engine.Version()
	h.ingest(line("r1", "Je souhaite savoir si vous recrutez des stagiaires en informatique"))
	h.waitStored(1)
	var p page
	h.do("GET", "/api/v1/messages", h.admin, "", "", &p)
	h.do("POST", fmt.Sprintf("/api/v1/messages/%d/reroute", p.Items[0].ID), h.admin, "", `{"department":"rh-communication"}`, nil)

	agent := h.token("agent", 0)
	if code := h.do("POST", "/api/v1/models/train", agent, "", "", nil); code != 403 {
		t.Fatalf("agent retrains: %d", code)
	}
	var trained struct {
		Version     string `json:"version"`
		Corrections int    `json:"corrections"`
		Examples    int    `json:"examples"`
	}
	if code := h.do("POST", "/api/v1/models/train", h.admin, "", "", &trained); code != 201 || trained.Corrections != 1 || trained.Examples < 1000 {
		t.Fatalf("train: %d %+v", code, trained)
	}
	var list modelList
	h.do("GET", "/api/v1/models", h.admin, "", "", &list)
	if list.InUse == shipped || !strings.HasPrefix(list.InUse, trained.Version) || len(list.Items) != 1 || !list.Items[0].Active {
		t.Fatalf("after training: %+v (shipped %s)", list, shipped)
	}
	h.ingest(line("r2", "Mon colis est perdu"))
	h.waitStored(2)
	m, _ := h.app.Store.MessageByKey(context.Background(), "mastodon", "r2")
	if m.ModelVersion != list.InUse {
		t.Fatalf("decision recorded model %q, want %q", m.ModelVersion, list.InUse)
	}
	if code := h.do("POST", "/api/v1/models/rollback", h.admin, "", "", &list); code != 200 || list.InUse != shipped {
		t.Fatalf("rollback: %d %+v", code, list)
	}
	if code := h.do("POST", "/api/v1/models/rollback", h.admin, "", "", nil); code != 404 {
		t.Fatalf("rollback past the shipped model: %d", code)
	}
	if code := h.do("POST", "/api/v1/models/"+trained.Version+"/activate", h.admin, "", "", &list); code != 200 || list.InUse == shipped {
		t.Fatalf("activate again: %d %+v", code, list)
	}
	if code := h.do("POST", "/api/v1/models/nope/activate", h.admin, "", "", nil); code != 404 {
		t.Fatalf("activate a missing model: %d", code)
	}
}
