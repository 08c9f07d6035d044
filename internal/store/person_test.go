package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

const anaHandle = "@ana@example.social"

// personFixture stores two messages by Ana (one with an incident entry, a
// reply and a note naming her), one by Bob quoting her, and groups Ana's
// author into a person.
func personFixture(t *testing.T, s *store.Store) (store.Person, []store.Saved) {
	t.Helper()
	ctx := context.Background()
	a1 := msg("a1", "Zanzibarique luggage lost again", "en", "customer", 0)
	a2 := msg("a2", "Still no zanzibarique answer", "en", "customer", time.Minute)
	b1 := msg("b1", "I agree with "+anaHandle+" about luggage", "en", "customer", 2*time.Minute)
	b1.Author = message.Author{Handle: "@bob@example.social", Name: "Bob"}
	saved := save(t, s, a1, a2, b1)
	actor := store.Actor{Name: "test"}
	if _, err := s.CreateReply(ctx, actor, saved[0].ID, "Sorry "+anaHandle+", we are on it", false); err != nil {
		t.Fatalf("reply: %v", err)
	}
	if _, err := s.CreateNote(ctx, actor, store.Note{MessageID: saved[1].ID, Body: "Ana called twice"}); err != nil {
		t.Fatalf("note: %v", err)
	}
	inc, err := s.OpenIncident(ctx, actor, store.NewIncident{Community: "fr-market", Severity: "high", Title: "Luggage", Terms: []string{"luggage"}, StartedAt: t0})
	if err != nil {
		t.Fatalf("incident: %v", err)
	}
	im := store.IncidentMessage{MessageID: saved[0].ID, PostedAt: t0, Negative: true, Author: anaHandle, Followers: 120, Terms: []string{"zanzibarique"}}
	if err := s.AddIncidentMessages(ctx, inc.ID, []store.IncidentMessage{im}); err != nil {
		t.Fatalf("incident messages: %v", err)
	}
	p, err := s.CreatePerson(ctx, actor, []int64{authorOf(t, s, saved[0].ID)})
	if err != nil {
		t.Fatalf("create person: %v", err)
	}
	return p, saved
}

func authorOf(t *testing.T, s *store.Store, messageID int64) int64 {
	t.Helper()
	var id int64
	if err := s.DB().QueryRow(rebind(s, `SELECT author_id FROM messages WHERE id = ?`), messageID).Scan(&id); err != nil {
		t.Fatalf("author of %d: %v", messageID, err)
	}
	return id
}

func rebind(s *store.Store, q string) string {
	if s.Dialect() != store.Postgres {
		return q
	}
	for n := 1; strings.Contains(q, "?"); n++ {
		q = strings.Replace(q, "?", fmt.Sprintf("$%d", n), 1)
	}
	return q
}

func count(t *testing.T, s *store.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(rebind(s, q), args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestExportPerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p, saved := personFixture(t, s)
		ex, err := s.ExportPerson(context.Background(), p.ID)
		if err != nil {
			t.Fatalf("export: %v", err)
		}
		if len(ex.Person.Identities) != 1 || ex.Person.Identities[0].Handle != anaHandle {
			t.Fatalf("identities = %+v", ex.Person.Identities)
		}
		if len(ex.Messages) != 2 || ex.Messages[0].ID != saved[0].ID || ex.Messages[1].ID != saved[1].ID {
			t.Fatalf("messages = %+v, want Ana's two", ex.Messages)
		}
		if len(ex.Replies) != 1 || len(ex.Notes) != 1 || len(ex.Incidents) != 1 || ex.Incidents[0].MessageID != saved[0].ID {
			t.Fatalf("replies %d, notes %d, incidents %+v: want 1 each", len(ex.Replies), len(ex.Notes), ex.Incidents)
		}
		if _, err := s.ExportPerson(context.Background(), p.ID+100); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("export of no one: %v, want not found", err)
		}
	})
}

func TestCreatePersonRefusesTakenOrMissingAuthors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p, saved := personFixture(t, s)
		ctx := context.Background()
		bob := authorOf(t, s, saved[2].ID)
		if _, err := s.CreatePerson(ctx, store.Actor{Name: "test"}, []int64{bob, p.Identities[0].AuthorID}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("taken author: %v, want conflict", err)
		}
		if _, err := s.CreatePerson(ctx, store.Actor{Name: "test"}, []int64{bob, 99999}); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing author: %v, want not found", err)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM people`); n != 1 {
			t.Fatalf("%d people after refused creations, want 1", n)
		}
	})
}

func TestErasePersonLeavesNoTrace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p, _ := personFixture(t, s)
		delivered := webhookDelivery(t, s, "message.routed:mastodon:a1", `{"message":{"text":"Zanzibarique luggage","author":{"handle":"`+anaHandle+`"}}}`)
		res, err := s.ErasePerson(ctx, store.Actor{Name: "test"}, p.ID)
		if err != nil || res.Messages != 2 || res.Identities != 1 {
			t.Fatalf("erase = %+v, %v; want 2 messages, 1 identity", res, err)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM messages`); n != 3 {
			t.Fatalf("%d messages after erase, want 3 (kept, anonymised)", n)
		}
		for _, q := range []string{
			`SELECT COUNT(*) FROM messages WHERE LOWER(text) LIKE '%zanzibarique%' OR text LIKE '%ana@%' OR url LIKE '%ana%'`,
			`SELECT COUNT(*) FROM authors WHERE handle LIKE '%ana@%' OR name = 'Ana'`,
			`SELECT COUNT(*) FROM replies WHERE body LIKE '%ana@%'`,
			`SELECT COUNT(*) FROM notes WHERE body LIKE '%Ana%'`,
			`SELECT COUNT(*) FROM incident_messages WHERE author LIKE '%ana@%' OR terms LIKE '%zanzibarique%'`,
			`SELECT COUNT(*) FROM audit_log WHERE details LIKE '%ana%' OR target LIKE '%ana%'`,
			`SELECT COUNT(*) FROM webhook_deliveries WHERE LOWER(payload) LIKE '%zanzibarique%' OR payload LIKE '%ana@%' OR event_key LIKE '%a1'`,
		} {
			if n := count(t, s, q); n != 0 {
				t.Errorf("%s = %d after erase, want 0", q, n)
			}
		}
		page, err := s.Messages(ctx, store.MessageFilter{Query: "zanzibarique"})
		if err != nil || len(page.Items) != 0 {
			t.Fatalf("full-text search after erase: %d hits, %v; want none", len(page.Items), err)
		}
		if s.Dialect() == store.SQLite {
			if n := count(t, s, `SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'zanzibarique'`); n != 0 {
				t.Fatalf("FTS still matches the erased words: %d", n)
			}
		}
		if n := count(t, s, `SELECT COUNT(*) FROM webhook_deliveries WHERE id = ?`, delivered); n != 1 {
			t.Errorf("the webhook delivery of an erased message must stay in the log (anonymised), found %d", n)
		}
		if _, err := s.Person(ctx, p.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("person after erase: %v, want not found", err)
		}
		if _, err := s.ErasePerson(ctx, store.Actor{Name: "test"}, p.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("second erase: %v, want not found", err)
		}
	})
}

func TestErasedAuthorCanWriteAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p, _ := personFixture(t, s)
		if _, err := s.ErasePerson(context.Background(), store.Actor{Name: "test"}, p.ID); err != nil {
			t.Fatalf("erase: %v", err)
		}
		saved := save(t, s, msg("a3", "Back again", "en", "customer", time.Hour))
		if saved[0].Duplicate || count(t, s, `SELECT COUNT(*) FROM authors WHERE handle = ?`, anaHandle) != 1 {
			t.Fatalf("a new message by the erased handle must create a new author")
		}
	})
}

// webhookDelivery stores a delivery of an event to a new subscription.
func webhookDelivery(t *testing.T, s *store.Store, key, payload string) int64 {
	t.Helper()
	ctx := context.Background()
	sub, err := s.CreateWebhookSubscription(ctx, store.Actor{Name: "test"},
		store.WebhookSubscription{URL: "https://erp.example.com/hook", Secret: "a-secret-of-32-characters-at-least", Events: []string{"message.routed"}})
	if err != nil {
		t.Fatalf("subscription: %v", err)
	}
	var id int64
	err = s.DB().QueryRowContext(ctx, rebind(s, `INSERT INTO webhook_deliveries (subscription_id, event_key, event_type, thread, payload, next_at, created_at)
		VALUES (?, ?, 'message.routed', 'm', ?, 0, 0) RETURNING id`), sub.ID, key, payload).Scan(&id)
	if err != nil {
		t.Fatalf("delivery: %v", err)
	}
	return id
}
