package people_test

import (
	"context"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/people"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func oldMessage(id string, age time.Duration) *message.Message {
	at := time.Now().Add(-age)
	return &message.Message{Channel: "mastodon", ExternalID: id, Text: "old words", CreatedAt: at, ReceivedAt: at, RoutedAt: at,
		Author: message.Author{Handle: "@ana@example.social"}, Community: "fr-market"}
}

func TestRetentionRunPurgesOnSchedule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if _, err := s.SaveMessages(ctx, []*message.Message{oldMessage("old", 10*24*time.Hour), oldMessage("new", time.Hour)}); err != nil {
			t.Fatalf("save: %v", err)
		}
		if _, err := s.SetRetention(ctx, store.Actor{Name: "test"}, "fr-market", 7); err != nil {
			t.Fatalf("retention: %v", err)
		}
		done := make(chan struct{})
		go func() { (&people.Retention{Store: s, Every: 10 * time.Millisecond}).Run(ctx); close(done) }()
		deadline := time.Now().Add(5 * time.Second)
		for left(t, s) != 1 {
			if time.Now().After(deadline) {
				t.Fatalf("the old message was not purged in 5 s")
			}
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		<-done
		if page, _ := s.Messages(context.Background(), store.MessageFilter{}); len(page.Items) != 1 || page.Items[0].ExternalID != "new" {
			t.Fatalf("left %+v, want only the recent message", page.Items)
		}
	})
}

func left(t *testing.T, s *store.Store) int {
	t.Helper()
	page, err := s.Messages(context.Background(), store.MessageFilter{})
	if err != nil {
		t.Fatalf("messages: %v", err)
	}
	return len(page.Items)
}

func TestAutoMergeRunMergesSameEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		a, b := oldMessage("e1", time.Hour), oldMessage("e2", time.Hour)
		a.Channel, a.Author.Handle = "email", "Ana@Example.com"
		b.Channel, b.Author.Handle = "email", "ana@example.com"
		if _, err := s.SaveMessages(ctx, []*message.Message{a, b}); err != nil {
			t.Fatalf("save: %v", err)
		}
		done := make(chan struct{})
		go func() { (&people.AutoMerge{Store: s, Every: 10 * time.Millisecond}).Run(ctx); close(done) }()
		defer func() { cancel(); <-done }()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			var n int
			if err := s.DB().QueryRowContext(ctx, `SELECT COUNT(*) - COUNT(DISTINCT person_id) FROM authors WHERE person_id IS NOT NULL`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n == 1 { // two identities, one person
				return
			}
		}
		t.Fatalf("the two addresses were not merged into one person in 5 s")
	})
}
