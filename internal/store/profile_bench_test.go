package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// BenchmarkAssignCommunity: one message against 50 communities' assignment
// rules (10 keywords and 5 places each), the rules cached in memory; the
// message matches the last rule only, so every rule is tried.
func BenchmarkAssignCommunity(b *testing.B) {
	s := storetest.SQLite(b)
	ctx := context.Background()
	a := store.Actor{Name: "bench"}
	for c := 0; c < 50; c++ {
		slug := fmt.Sprintf("c%02d", c)
		must(s.CreateCommunity(ctx, a, store.Community{Slug: slug, Name: slug, Kind: "market"}))
		var kw, places []string
		for k := 0; k < 10; k++ {
			kw = append(kw, fmt.Sprintf("keyword%02d%02d", c, k))
		}
		for p := 0; p < 5; p++ {
			places = append(places, fmt.Sprintf("ville %02d%02d", c, p))
		}
		must(s.SetCommunityRules(ctx, a, slug, []store.CommunityRule{{Position: c, Langs: []string{"fr"}, Keywords: kw, Places: places}}))
	}
	text := "Bonjour, ma commande n'est toujours pas arrivée et personne ne répond au service client depuis trois semaines, " +
		"je vis à Ville 4904 et j'ai écrit au sujet de keyword4909 plusieurs fois sans réponse."
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := &message.Message{Text: text}
		m.Analysis.Lang = "fr"
		if err := s.AssignCommunity(ctx, m); err != nil || m.Community != "c49" {
			b.Fatalf("assigned %q, %v", m.Community, err)
		}
	}
}

// Sizes of the segment benchmark.
const (
	segBenchMessages = 100_000
	segBenchAuthors  = 20_000
)

// BenchmarkSegmentMembers evaluates "complained at least twice, negative,
// seen within 30 days" over 20,000 authors (a quarter grouped into people)
// and 100,000 messages: the count and the first page of 100.
func BenchmarkSegmentMembers(b *testing.B) {
	for _, db := range []string{"sqlite", "postgres"} {
		b.Run(db, func(b *testing.B) {
			s := storetest.SQLite(b)
			if db == "postgres" {
				s = storetest.Postgres(b)
			}
			start := time.Now()
			fillSegmentBench(b, s)
			b.Logf("filled in %s", time.Since(start).Round(time.Millisecond))
			f := store.SegmentFilter{MinComplaints: 2, Sentiment: "negative", SeenWithinDays: 30}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, total, err := s.SegmentMembers(context.Background(), f, 100); err != nil || total == 0 {
					b.Fatalf("segment: %d, %v", total, err)
				}
			}
		})
	}
}

func fillSegmentBench(b *testing.B, s *store.Store) {
	b.Helper()
	ctx := context.Background()
	classes := []message.Class{message.ClassComplaint, message.ClassNoise, message.ClassPraise, message.ClassComplaint}
	sents := []message.Sentiment{message.Negative, message.Neutral, message.Positive, message.Negative}
	now := time.Now()
	batch := make([]*message.Message, 0, 500)
	for i := 0; i < segBenchMessages; i++ {
		m := &message.Message{Channel: "mastodon", ExternalID: fmt.Sprint(i), Text: "message", Community: "fr-market",
			CreatedAt: now.Add(-time.Duration(i%1000) * time.Hour), ReceivedAt: now, RoutedAt: now,
			Author: message.Author{Handle: fmt.Sprintf("@u%d@x.social", i%segBenchAuthors), Followers: int64(i % 5000)}}
		m.Analysis = message.Analysis{Lang: "fr", Sentiment: sents[(i/segBenchAuthors+i)%4], Class: classes[(i/segBenchAuthors)%4]}
		m.Decision = message.Decision{Department: "relation-client", Priority: message.PriorityNormal, Status: message.StatusNew}
		batch = append(batch, m)
		if len(batch) == cap(batch) {
			if _, err := s.SaveMessages(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	// A quarter of the authors grouped into people, by SQL (the store's one
	// transaction per person would dominate the fill).
	_, err := s.DB().Exec(`INSERT INTO people (id, created_at) SELECT id, 0 FROM authors WHERE id % 4 = 1`)
	if err == nil {
		_, err = s.DB().Exec(`UPDATE authors SET person_id = id WHERE id % 4 = 1`)
	}
	if err != nil {
		b.Fatal(err)
	}
}
