package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func TestImportAnswersCreatesUpdatesAndKeeps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.CreateAnswer(ctx, lead, refund()); err != nil {
			t.Fatal(err)
		}
		changed := refund()
		changed.Title = "Colis perdu : remboursement"
		changed.State = knowledge.StateApproved
		other := knowledge.Record{Answer: knowledge.Answer{ID: "delay-en", Title: "Late delivery", Body: "Sorry {{author.name}}.", Uses: 4}}
		res, err := s.ImportAnswers(ctx, store.Actor{Name: "cli"}, []knowledge.Record{changed, other})
		if err != nil || res.Created != 1 || res.Updated != 1 || res.Unchanged != 0 || len(res.Changed) != 2 {
			t.Fatalf("import = %+v, %v", res, err)
		}
		got, _ := s.Answer(ctx, "refund-fr")
		if got.Version != 2 || got.Title != changed.Title || got.Owner != lead.Name {
			t.Fatalf("updated = %+v; want version 2, new title, owner kept", got)
		}
		if d, _ := s.Answer(ctx, "delay-en"); d.Kind != knowledge.KindAnswer || d.State != knowledge.StateDraft || d.Uses != 4 || d.Owner != "cli" {
			t.Fatalf("created = %+v", d)
		}
		res, err = s.ImportAnswers(ctx, store.Actor{Name: "cli"}, []knowledge.Record{changed, other})
		if err != nil || res.Unchanged != 2 || res.Created+res.Updated != 0 {
			t.Fatalf("same import again = %+v, %v; want all unchanged", res, err)
		}
	})
}

func TestImportAnswersAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		good := refund()
		bad := knowledge.Record{Answer: knowledge.Answer{ID: "has space", Title: "x"}}
		if _, err := s.ImportAnswers(ctx, lead, []knowledge.Record{good, bad}); !errors.Is(err, knowledge.ErrInvalidAnswer) {
			t.Fatalf("import with a bad record: %v", err)
		}
		if all, _ := s.Answers(ctx, store.AnswerFilter{}); len(all) != 0 {
			t.Fatalf("%d answers stored after a refused import, want 0", len(all))
		}
	})
}
