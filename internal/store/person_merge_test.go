package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func TestMergeAndUnmerge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		ana, saved := personFixture(t, s)
		bobAuthor := authorOf(t, s, saved[2].ID)
		bob, err := s.CreatePerson(ctx, a, []int64{bobAuthor})
		if err != nil {
			t.Fatalf("create bob: %v", err)
		}
		if _, err := s.MergePeople(ctx, a, ana.ID, ana.ID); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("merge with itself: %v, want conflict", err)
		}
		if _, err := s.MergePeople(ctx, a, ana.ID, 9999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("merge with no one: %v, want not found", err)
		}
		merged, err := s.MergePeople(ctx, a, ana.ID, bob.ID)
		if err != nil || len(merged.Identities) != 2 {
			t.Fatalf("merge = %+v, %v; want two identities", merged, err)
		}
		if _, err := s.Person(ctx, bob.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("merged-away person: %v, want not found", err)
		}
		ex, _ := s.ExportPerson(ctx, ana.ID)
		if len(ex.Messages) != 3 {
			t.Fatalf("export after merge: %d messages, want 3", len(ex.Messages))
		}
		back, err := s.UnmergeIdentity(ctx, a, ana.ID, bobAuthor)
		if err != nil || len(back.Identities) != 1 || back.Identities[0].AuthorID != bobAuthor {
			t.Fatalf("unmerge = %+v, %v", back, err)
		}
		if _, err := s.UnmergeIdentity(ctx, a, ana.ID, bobAuthor); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unmerge of an identity not there: %v, want not found", err)
		}
		if _, err := s.UnmergeIdentity(ctx, a, back.ID, bobAuthor); !errors.Is(err, store.ErrNoIdentities) {
			t.Fatalf("unmerge of the last identity: %v, want refused", err)
		}
		if p, _ := s.Person(ctx, ana.ID); len(p.Identities) != 1 || p.Identities[0].Handle != anaHandle {
			t.Fatalf("ana after unmerge = %+v", p)
		}
	})
}
