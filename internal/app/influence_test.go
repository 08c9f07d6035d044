package app

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// The router's score lookup reads the stored score and reuses it for a
// while rather than asking the database for every message.
func TestInfluenceLookupReadsAndCachesScores(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Options{DataDir: t.TempDir(), Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	mk := func(id, handle, text, reply string) *message.Message {
		m := &message.Message{Channel: "mastodon", ExternalID: id, Text: text, InReplyTo: reply, Community: "fr-market",
			CreatedAt: at, ReceivedAt: at, RoutedAt: at, Author: message.Author{Handle: handle}}
		m.Analysis = message.Analysis{Sentiment: message.Neutral, Class: message.ClassComplaint}
		m.Decision = message.Decision{Priority: message.PriorityNormal, Status: message.StatusNew}
		return m
	}
	if _, err := a.Store.SaveMessages(ctx, []*message.Message{mk("1", "ana", "hello", ""), mk("2", "bob", "@ana yes", "1")}); err != nil {
		t.Fatal(err)
	}
	if _, err := influence.Sync(ctx, a.Store); err != nil {
		t.Fatal(err)
	}
	if _, err := (&influence.Engine{Store: a.Store}).Recompute(ctx, false); err != nil {
		t.Fatal(err)
	}
	lookup := a.influenceLookup()
	ana := mk("3", "ana", "again", "")
	if got := lookup(ana); got != 100 {
		t.Fatalf("Ana's score = %g, want 100", got)
	}
	if _, err := a.Store.DB().Exec(`UPDATE influence_scores SET score = 0`); err != nil {
		t.Fatal(err)
	}
	if got := lookup(ana); got != 100 {
		t.Errorf("second lookup = %g, want the cached 100", got)
	}
	if got := a.influenceLookup()(ana); got != 0 {
		t.Errorf("a fresh lookup = %g, want the stored 0", got)
	}
}
