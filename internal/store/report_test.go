package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// A week's report is claimed once; a failed one is claimed again after the
// retry delay, a sent one never.
func TestClaimReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		save(t, s, msg("r1", "hello", "en", "relation-client", 0)) // makes fr-market
		claim := func(week string, at time.Time) bool {
			ok, err := s.ClaimReport(ctx, "fr-market", week, at, 15*time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !claim("2026-11-02", t0) || claim("2026-11-02", t0.Add(time.Minute)) {
			t.Fatal("want the first claim only")
		}
		if err := s.FinishReport(ctx, "fr-market", "2026-11-02", []string{"a@example.com"}, errors.New("refused"), t0); err != nil {
			t.Fatal(err)
		}
		if claim("2026-11-02", t0.Add(10*time.Minute)) || !claim("2026-11-02", t0.Add(16*time.Minute)) {
			t.Fatal("a failed report is claimed again after 15 minutes, not before")
		}
		s.FinishReport(ctx, "fr-market", "2026-11-02", []string{"a@example.com"}, nil, t0)
		if claim("2026-11-02", t0.Add(24*time.Hour)) {
			t.Fatal("a sent report was claimed again")
		}
		sent, err := s.SentReports(ctx, "fr-market", 10)
		if err != nil || len(sent) != 1 || sent[0].Status != store.ReportSent || sent[0].Error != "" || sent[0].Recipients[0] != "a@example.com" {
			t.Fatalf("reports %+v, %v", sent, err)
		}
		if _, err := s.ClaimReport(ctx, "nowhere", "2026-11-02", t0, time.Minute); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown community: %v", err)
		}
	})
}
