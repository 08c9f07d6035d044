package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// A live case blocks a second one of the same conversation and target; a
// pending case older than the stale delay is taken as abandoned.
func TestClaimCaseOnceAndAbandoned(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		saved := save(t, s, msg("c1", "colis perdu", "fr", "relation-client", 0))
		m, _ := s.Message(ctx, saved[0].ID)
		a := store.Actor{Name: "user:ana@example.com"}
		want := store.Case{ThreadID: m.ThreadID, MessageID: m.ID, Target: "crm"}
		first, err := s.ClaimCase(ctx, a, want, time.Hour)
		if err != nil || first.Status != store.CasePending {
			t.Fatalf("claim: %+v, %v", first, err)
		}
		again, err := s.ClaimCase(ctx, a, want, time.Hour)
		if !errors.Is(err, store.ErrCaseExists) || again.ID != first.ID {
			t.Fatalf("second claim: %+v, %v; want the pending case and ErrCaseExists", again, err)
		}
		other := want
		other.Target = "erp"
		if _, err := s.ClaimCase(ctx, a, other, time.Hour); err != nil {
			t.Fatalf("another target: %v", err)
		}
		time.Sleep(2 * time.Millisecond)
		taken, err := s.ClaimCase(ctx, a, want, time.Millisecond)
		if err != nil || taken.ID == first.ID {
			t.Fatalf("claim past the stale delay: %+v, %v", taken, err)
		}
		cases, _ := s.Cases(ctx, m.ThreadID)
		for _, c := range cases {
			if c.ID == first.ID && (c.Status != store.CaseFailed || c.Error == "") {
				t.Fatalf("abandoned case recorded as %+v", c)
			}
		}
		first.Status = store.CaseCreated
		if _, err := s.FinishCase(ctx, a, first); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("finishing an abandoned case: %v, want ErrNotFound", err)
		}
	})
}
