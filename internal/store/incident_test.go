package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func TestIncidentChangesRefusedChangeNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		in, err := st.OpenIncident(ctx, a, store.NewIncident{Community: "fibre", Severity: "medium", Title: "Burst: panne",
			Terms: []string{"panne"}, Alerts: json.RawMessage(`[]`), StartedAt: time.Now(),
			Rule: route.Rule{When: route.Conditions{Keywords: []string{"panne"}}, Then: route.Actions{Department: "direction-generale", RequireApproval: true}}})
		if err != nil {
			t.Fatal(err)
		}
		draft := knowledge.Record{Kind: knowledge.KindKeyMessage, Answer: knowledge.Answer{ID: "km-draft", Title: "x", Body: "draft body", State: knowledge.StateDraft}}
		answer := knowledge.Record{Kind: knowledge.KindAnswer, Answer: knowledge.Answer{ID: "plain", Title: "x", Body: "an answer", State: knowledge.StateApproved}}
		if _, err := st.ImportAnswers(ctx, a, []knowledge.Record{draft, answer}); err != nil {
			t.Fatal(err)
		}
		for name, err := range map[string]error{
			"unknown owner":       st.SetIncidentOwner(ctx, a, in.ID, 9999),
			"draft key message":   st.SetHoldingStatement(ctx, a, in.ID, "", "km-draft"),
			"not a key message":   st.SetHoldingStatement(ctx, a, in.ID, "", "plain"),
			"missing answer":      st.SetHoldingStatement(ctx, a, in.ID, "", "nope"),
			"empty statement":     st.SetHoldingStatement(ctx, a, in.ID, "  ", ""),
			"close without notes": st.CloseIncident(ctx, a, in.ID, ""),
		} {
			if !errors.Is(err, store.ErrInvalidIncident) {
				t.Errorf("%s: %v, want ErrInvalidIncident", name, err)
			}
		}
		got, err := st.Incident(ctx, in.ID)
		if err != nil || got.OwnerID != 0 || got.HoldingStatement != "" || got.Status != store.IncidentOpen || !got.UpdatedAt.Equal(in.UpdatedAt) {
			t.Fatalf("refused changes changed the incident: %+v (%v)", got, err)
		}
		if err := st.AcknowledgeIncident(ctx, a, 424242); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("acknowledge a missing incident: %v", err)
		}
	})
}
