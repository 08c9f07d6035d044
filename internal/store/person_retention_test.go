package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func TestPurgeExpiredOnlyOldMessagesOfTheCommunity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		old := msg("old", "Ancient complaint", "en", "customer", -40*24*time.Hour)
		recent := msg("new", "Fresh complaint", "en", "customer", -time.Hour)
		elsewhere := msg("other", "Ancient elsewhere", "en", "customer", -40*24*time.Hour)
		elsewhere.Community = "uk-market"
		elsewhere.Author.Handle = "@zed@example.social"
		saved := save(t, s, old, recent, elsewhere)
		if _, err := s.CreateReply(ctx, store.Actor{Name: "test"}, saved[0].ID, "Sorry", false); err != nil {
			t.Fatalf("reply: %v", err)
		}
		if _, err := s.SetRetention(ctx, store.Actor{Name: "test"}, "fr-market", 30); err != nil {
			t.Fatalf("set retention: %v", err)
		}
		got, err := s.PurgeExpired(ctx, t0)
		if err != nil || len(got) != 1 || got[0].Messages != 1 || got[0].Community != "fr-market" {
			t.Fatalf("purge = %+v, %v; want one message of fr-market", got, err)
		}
		for id, want := range map[int64]int{saved[0].ID: 0, saved[1].ID: 1, saved[2].ID: 1} {
			if n := count(t, s, `SELECT COUNT(*) FROM messages WHERE id = ?`, id); n != want {
				t.Errorf("message %d: %d rows after purge, want %d", id, n, want)
			}
		}
		if n := count(t, s, `SELECT COUNT(*) FROM replies`); n != 0 {
			t.Errorf("%d replies left on the purged message", n)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM authors`); n != 2 {
			t.Errorf("%d authors after purge, want 2 (Ana still writes recently, Zed elsewhere)", n)
		}
		if page, err := s.Messages(ctx, store.MessageFilter{Query: "ancient"}); err != nil || len(page.Items) != 1 {
			t.Errorf("search 'ancient' after purge: %d hits, %v; want the other community's only", len(page.Items), err)
		}
		if again, _ := s.PurgeExpired(ctx, t0); again[0].Messages != 0 {
			t.Errorf("a second purge deleted %d more", again[0].Messages)
		}
	})
}

func TestSetRetentionRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		save(t, s, msg("m", "hello", "en", "customer", 0))
		a := store.Actor{Name: "test"}
		if _, err := s.SetRetention(ctx, a, "fr-market", -1); !errors.Is(err, store.ErrBadRetention) {
			t.Fatalf("negative days: %v", err)
		}
		if _, err := s.SetRetention(ctx, a, "nowhere", 10); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown community: %v", err)
		}
		if r, err := s.Retention(ctx, "fr-market"); err != nil || r.Days != 0 {
			t.Fatalf("retention after refusals = %+v, %v; want none", r, err)
		}
		if r, err := s.SetRetention(ctx, a, "fr-market", 90); err != nil || r.Days != 90 {
			t.Fatalf("set 90 = %+v, %v", r, err)
		}
		if r, err := s.SetRetention(ctx, a, "fr-market", 0); err != nil || r.Days != 0 {
			t.Fatalf("set 0 = %+v, %v", r, err)
		}
		if list, err := s.Retentions(ctx); err != nil || len(list) != 0 {
			t.Fatalf("retentions after reset = %+v, %v", list, err)
		}
	})
}
