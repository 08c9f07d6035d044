package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// inboxSetup gives a store with the default departments and two people.
func inboxSetup(t *testing.T, s *store.Store) (ana, rex store.User) {
	t.Helper()
	ctx := context.Background()
	if err := s.ApplyConfig(ctx, store.Actor{Name: "test"}, route.Default()); err != nil {
		t.Fatal(err)
	}
	var err error
	if ana, err = s.CreateUser(ctx, store.Actor{Name: "test"}, store.User{Email: "ana@example.com", Role: "agent", Departments: []string{"relation-client"}}, "h1"); err != nil {
		t.Fatal(err)
	}
	if rex, err = s.CreateUser(ctx, store.Actor{Name: "test"}, store.User{Email: "rex@example.com", Role: "reviewer", Departments: []string{"juridique"}}, "h2"); err != nil {
		t.Fatal(err)
	}
	return ana, rex
}

func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ana, _ := inboxSetup(t, s)
		now := time.Now().UTC()
		sess, err := s.CreateSession(ctx, store.Actor{Name: "user:ana"}, "hash-1", store.Session{UserID: ana.ID, CSRFToken: "c", IP: "10.0.0.1", CreatedAt: now, ExpiresAt: now.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.SessionByHash(ctx, "hash-1", now)
		if err != nil || got.ID != sess.ID || got.UserID != ana.ID || got.CSRFToken != "c" {
			t.Fatalf("session %+v %v", got, err)
		}
		if _, err := s.SessionByHash(ctx, "hash-1", now.Add(2*time.Hour)); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("expired session: %v", err)
		}
		if err := s.SetPassword(ctx, store.Actor{Name: "test"}, ana.ID, "new-hash"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionByHash(ctx, "hash-1", now); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("session after a new password: %v", err)
		}
		if _, hash, _ := s.UserByEmail(ctx, "ana@example.com"); hash != "new-hash" {
			t.Fatalf("hash %q", hash)
		}
	})
}

func TestNotesRepliesAndCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ana, rex := inboxSetup(t, s)
		a := store.Actor{UserID: ana.ID, Name: "user:ana"}
		m1 := msg("1", "colis perdu", "fr", "relation-client", 0)
		m2 := msg("2", "avocat", "fr", "juridique", time.Minute)
		m2.Sentiment = message.Positive
		saved := save(t, s, m1, m2)
		id1, id2 := saved[0].ID, saved[1].ID
		if _, err := s.CreateNote(ctx, a, store.Note{MessageID: id2, AuthorID: ana.ID, Body: "@rex ?", Mentions: []int64{rex.ID}}); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.IsMentioned(ctx, id2, rex.ID); !ok {
			t.Fatal("rex is not mentioned")
		}
		if ok, _ := s.IsMentioned(ctx, id1, rex.ID); ok {
			t.Fatal("rex mentioned on the wrong message")
		}
		if notes, _ := s.Mentions(ctx, rex.ID, 10); len(notes) != 1 || notes[0].Body != "@rex ?" || notes[0].MessageID != id2 {
			t.Fatalf("mentions %+v", notes)
		}
		r, err := s.CreateReply(ctx, a, id2, "Bonjour", true)
		if err != nil {
			t.Fatal(err)
		}
		pending, _ := s.PendingReplies(ctx, []string{"juridique"})
		if len(pending) != 1 || pending[0].Department != "juridique" || pending[0].MessageText != "avocat" {
			t.Fatalf("pending %+v", pending)
		}
		if p, _ := s.PendingReplies(ctx, []string{"relation-client"}); len(p) != 0 {
			t.Fatalf("pending outside the department: %+v", p)
		}
		rv := store.Actor{UserID: rex.ID, Name: "user:rex"}
		if err := s.RejectReply(ctx, rv, r.ID, "non"); err != nil {
			t.Fatal(err)
		}
		if err := s.ApproveReply(ctx, rv, r.ID); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("approve a rejected reply: %v", err)
		}
		replies, _ := s.Replies(ctx, id2)
		if len(replies) != 1 || replies[0].Status != store.ReplyRejected || replies[0].ReviewComment != "non" || replies[0].ReviewerID != rex.ID {
			t.Fatalf("replies %+v", replies)
		}
		if err := s.Assign(ctx, a, id1, ana.ID); err != nil {
			t.Fatal(err)
		}
		counts, _ := s.QueueCounts(ctx, nil)
		mine, _ := s.AssignedCount(ctx, ana.ID)
		if counts["relation-client"] != 1 || counts["juridique"] != 1 || mine != 1 {
			t.Fatalf("counts %v, mine %d", counts, mine)
		}
		if c, _ := s.QueueCounts(ctx, []string{"juridique"}); len(c) != 1 {
			t.Fatalf("scoped counts %v", c)
		}
		page, _ := s.Messages(ctx, store.MessageFilter{Sentiment: "positive"})
		if len(page.Items) != 1 || page.Items[0].ID != id2 {
			t.Fatalf("sentiment filter: %+v", page.Items)
		}
		page, _ = s.Messages(ctx, store.MessageFilter{AssigneeID: ana.ID})
		if len(page.Items) != 1 || page.Items[0].ID != id1 {
			t.Fatalf("assignee filter: %+v", page.Items)
		}
		if past, _ := s.AuthorMessages(ctx, id2, 10); len(past) != 1 || past[0].ID != id1 {
			t.Fatalf("author's other messages: %+v", past)
		}
	})
}
