package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func TestAnswerUseLearnsWithoutAVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		saved := save(t, s, msg("u1", "Colis jamais arrivé, je veux être remboursé", "fr", "relation-client", 0))
		if _, err := s.CreateAnswer(ctx, lead, refund()); err != nil {
			t.Fatal(err)
		}
		a, err := s.SetAnswerState(ctx, lead, "refund-fr", knowledge.StateApproved)
		if err != nil {
			t.Fatal(err)
		}
		ix := knowledge.NewIndex(knowledge.DefaultParams())
		if err := ix.Put(a.Answer); err != nil {
			t.Fatal(err)
		}
		learned, err := ix.Learn(a.ID, "Colis jamais arrivé, je veux être remboursé")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAnswerUse(ctx, store.Actor{Name: "user:agent"}, learned, saved[0].ID); err != nil {
			t.Fatal(err)
		}
		got, err := s.Answer(ctx, "refund-fr")
		if err != nil || got.Uses != 1 || len(got.Examples) != 2 || got.Examples[1] != "Colis jamais arrivé, je veux être remboursé" || got.Version != a.Version {
			t.Fatalf("after use: %+v, %v; want 1 use, the message as second example, same version", got, err)
		}
		if n, err := s.AnswerUses(ctx, "refund-fr"); err != nil || n != 1 {
			t.Fatalf("uses recorded = %d, %v", n, err)
		}
		// An edit in between makes the learnt answer stale: the use is refused, not merged over the edit.
		if _, err := s.SetAnswerState(ctx, lead, "refund-fr", knowledge.StateRetired); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAnswerUse(ctx, store.Actor{Name: "user:agent"}, learned, saved[0].ID); !errors.Is(err, store.ErrStale) {
			t.Fatalf("stale use: %v, want ErrStale", err)
		}
		learned.ID = "nope"
		if err := s.RecordAnswerUse(ctx, store.Actor{Name: "user:agent"}, learned, 0); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("use of a missing answer: %v, want ErrNotFound", err)
		}
	})
}
