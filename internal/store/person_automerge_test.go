package store_test

import (
	"context"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func TestMergeSameEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		for id, handle := range map[string]string{"e1": "Ana@Example.com", "e2": "ana@example.com", "e3": "bob@example.com"} {
			m := msg(id, "hello", "en", "customer", 0)
			m.Channel, m.Author.Handle = "email", handle
			save(t, s, m)
		}
		other := msg("x1", "hello", "en", "customer", 0)
		other.Author.Handle = "ana@example.com" // the same string on another network is no evidence
		save(t, s, other)
		first := authorByHandle(t, s, "email", "Ana@Example.com")
		ana, err := s.CreatePerson(ctx, a, []int64{first})
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		n, err := s.MergeSameEmail(ctx, a)
		if err != nil || n != 1 {
			t.Fatalf("merge same email = %d, %v; want 1 address", n, err)
		}
		p, err := s.Person(ctx, ana.ID)
		if err != nil || len(p.Identities) != 2 {
			t.Fatalf("person after merge = %+v, %v; want Ana's two addresses", p, err)
		}
		if again, err := s.MergeSameEmail(ctx, a); err != nil || again != 0 {
			t.Fatalf("second run = %d, %v; want nothing to do", again, err)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM authors WHERE person_id IS NOT NULL`); n != 2 {
			t.Fatalf("%d identities in a person, want 2 (not Bob, not the other network)", n)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM audit_log WHERE action = 'person.automerge' AND LOWER(details) LIKE '%example.com%'`); n != 0 {
			t.Fatalf("the audit names the address")
		}
	})
}

func authorByHandle(t *testing.T, s *store.Store, channel, handle string) int64 {
	t.Helper()
	var id int64
	if err := s.DB().QueryRow(rebind(s, `SELECT id FROM authors WHERE channel = ? AND handle = ?`), channel, handle).Scan(&id); err != nil {
		t.Fatalf("author %s %s: %v", channel, handle, err)
	}
	return id
}
