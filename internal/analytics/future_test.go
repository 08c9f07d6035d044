package analytics_test

import (
	"context"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// A message dated in the future (its network's clock, or a wrong
// created_at at ingest) does not close the days that are still going on:
// the terms of today seen fewer than TermsMin times so far keep their counts.
func TestAMessageFromTheFutureClosesNoDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mk := func(id, text string, at time.Time) *message.Message {
			m := &message.Message{Channel: "x", ExternalID: id, Text: text, CreatedAt: at, ReceivedAt: at, RoutedAt: at,
				Author: message.Author{Handle: "@ana"}, Community: "us-air"}
			m.Analysis = message.Analysis{Lang: "en", Sentiment: message.Negative, Class: message.ClassComplaint}
			m.Decision = message.Decision{Status: message.StatusNew}
			return m
		}
		now := time.Now().UTC()
		if _, err := s.SaveMessages(ctx, []*message.Message{mk("today", "zanzibarique luggage", now),
			mk("future", "hello from tomorrow", now.AddDate(5, 0, 0))}); err != nil {
			t.Fatal(err)
		}
		if err := (&analytics.Worker{Store: s, GapWait: -1}).CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		var n int64
		if err := s.DB().QueryRow(`SELECT COALESCE(SUM(n), 0) FROM rollup_terms WHERE term = 'zanzibarique'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("today's term counted %d times after a message dated in five years, want 1 (today is not over)", n)
		}
	})
}
