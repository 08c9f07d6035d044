package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func TestAnswerIndexHoldsTheApproved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		draft := refund()
		draft.ID = "draft"
		for _, r := range []knowledge.Record{refund(), draft} {
			if _, err := s.CreateAnswer(ctx, lead, r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.SetAnswerState(ctx, lead, "refund-fr", knowledge.StateApproved); err != nil {
			t.Fatal(err)
		}
		ix, err := s.AnswerIndex(ctx, knowledge.DefaultParams())
		if err != nil || ix.Len() != 1 {
			t.Fatalf("index of %d answers, %v; want the approved one", ix.Len(), err)
		}
		if a, ok := ix.Get("refund-fr"); !ok || a.Version != 2 || len(a.Examples) != 1 {
			t.Fatalf("indexed %+v, %v", a, ok)
		}
		if _, err := s.AnswerVersions(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("versions of a missing answer: %v", err)
		}
	})
}
