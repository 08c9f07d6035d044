package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

var lead = store.Actor{Name: "user:lead@example.com"}

func refund() knowledge.Record {
	return knowledge.Record{Kind: knowledge.KindAnswer, Answer: knowledge.Answer{
		ID: "refund-fr", Title: "Remboursement d'un colis perdu", Body: "Bonjour {{author.name}}, nous vous remboursons.",
		Language: "fr", Communities: []string{"fr-market"}, Classes: []message.Class{message.ClassComplaint},
		Departments: []string{"relation-client"}, Tags: []string{"colis"}, Examples: []string{"mon colis est perdu"},
		ExpiresAt: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC),
	}}
}

func TestAnswerVersionsKeepEveryChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, err := s.CreateAnswer(ctx, lead, refund())
		if err != nil || a.Version != 1 || a.State != knowledge.StateDraft || a.Owner != lead.Name {
			t.Fatalf("create = %+v, %v; want version 1, draft, owned by the actor", a, err)
		}
		if _, err := s.CreateAnswer(ctx, lead, refund()); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second create: %v, want ErrConflict", err)
		}
		edit := refund()
		edit.Body = "Bonjour {{author.name}}, le remboursement part aujourd'hui."
		edit.Version = 1
		b, err := s.UpdateAnswer(ctx, lead, edit)
		if err != nil || b.Version != 2 || b.Body != edit.Body {
			t.Fatalf("update = %+v, %v; want version 2 with the new body", b, err)
		}
		if _, err := s.UpdateAnswer(ctx, lead, edit); !errors.Is(err, store.ErrStale) {
			t.Fatalf("update from version 1 again: %v, want ErrStale", err)
		}
		same := b
		same.Version = 0
		if c, err := s.UpdateAnswer(ctx, lead, same); err != nil || c.Version != 2 {
			t.Fatalf("update changing nothing = version %d, %v; want 2", c.Version, err)
		}
		c, err := s.SetAnswerState(ctx, store.Actor{Name: "user:reviewer"}, "refund-fr", knowledge.StateApproved)
		if err != nil || c.Version != 3 || c.State != knowledge.StateApproved {
			t.Fatalf("approve = %+v, %v", c, err)
		}
		vs, err := s.AnswerVersions(ctx, "refund-fr")
		if err != nil || len(vs) != 3 {
			t.Fatalf("versions = %d, %v; want 3", len(vs), err)
		}
		if vs[0].Action != "approved" || vs[0].Actor != "user:reviewer" || vs[2].Answer.Body != refund().Body || vs[1].Answer.Body != edit.Body {
			t.Fatalf("versions = %+v", vs)
		}
		got, err := s.Answer(ctx, "refund-fr")
		if err != nil || !knowledge.SameContent(&got, &c) || got.Version != 3 || !got.ExpiresAt.Equal(refund().ExpiresAt) {
			t.Fatalf("read back %+v, %v; want %+v", got, err, c)
		}
	})
}

func TestAnswerBadInputChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		bad := refund()
		bad.Classes = []message.Class{"gossip"}
		if _, err := s.CreateAnswer(ctx, lead, bad); !errors.Is(err, knowledge.ErrInvalidAnswer) {
			t.Fatalf("unknown class: %v, want ErrInvalidAnswer", err)
		}
		if _, err := s.SetAnswerState(ctx, lead, "refund-fr", knowledge.StateApproved); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("approve a missing answer: %v, want ErrNotFound", err)
		}
		if _, err := s.CreateAnswer(ctx, lead, refund()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetAnswerState(ctx, lead, "refund-fr", "published"); !errors.Is(err, knowledge.ErrInvalidAnswer) {
			t.Fatalf("unknown state: %v", err)
		}
		bad = refund()
		bad.Title, bad.Body = "", ""
		if _, err := s.UpdateAnswer(ctx, lead, bad); !errors.Is(err, knowledge.ErrInvalidAnswer) {
			t.Fatalf("empty update: %v", err)
		}
		if vs, _ := s.AnswerVersions(ctx, "refund-fr"); len(vs) != 1 {
			t.Fatalf("%d versions after refused changes, want 1", len(vs))
		}
	})
}

func TestAnswersFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		key := knowledge.Record{Kind: knowledge.KindKeyMessage, Answer: knowledge.Answer{ID: "climate", Title: "Our climate commitments",
			Body: "We cut our emissions by half by 2030.", Language: "en", Tags: []string{"values"}}}
		for _, r := range []knowledge.Record{refund(), key} {
			if _, err := s.CreateAnswer(ctx, lead, r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.SetAnswerState(ctx, lead, "climate", knowledge.StateApproved); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			f    store.AnswerFilter
			want []string
		}{
			{store.AnswerFilter{}, []string{"climate", "refund-fr"}},
			{store.AnswerFilter{Kind: knowledge.KindKeyMessage}, []string{"climate"}},
			{store.AnswerFilter{State: knowledge.StateDraft}, []string{"refund-fr"}},
			{store.AnswerFilter{Language: "fr"}, []string{"refund-fr"}},
			{store.AnswerFilter{Department: "support-produit"}, []string{"climate"}},
			{store.AnswerFilter{Tag: "colis"}, []string{"refund-fr"}},
			{store.AnswerFilter{Limit: 1}, []string{"climate"}},
			{store.AnswerFilter{After: "climate"}, []string{"refund-fr"}},
		}
		for _, c := range cases {
			got, err := s.Answers(ctx, c.f)
			if err != nil || len(got) != len(c.want) {
				t.Fatalf("%+v: %d answers, %v; want %v", c.f, len(got), err, c.want)
			}
			for i := range got {
				if got[i].ID != c.want[i] {
					t.Fatalf("%+v: got %s at %d, want %v", c.f, got[i].ID, i, c.want)
				}
			}
		}
	})
}
