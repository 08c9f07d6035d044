package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func msg(id, text, lang, dep string, at time.Duration) *message.Message {
	m := &message.Message{
		Channel: "mastodon", ExternalID: id, Text: text, CreatedAt: t0.Add(at), ReceivedAt: t0.Add(at),
		RoutedAt: t0.Add(at), Author: message.Author{Handle: "@ana@example.social", Name: "Ana", Followers: 120},
		Community: "fr-market",
	}
	m.Analysis = message.Analysis{Lang: lang, Sentiment: message.Negative, Class: message.ClassComplaint, Confidence: 0.9, ModelVersion: "test-1"}
	m.Decision = message.Decision{Department: dep, Priority: message.PriorityNormal, Status: message.StatusNew, Reason: "test"}
	return m
}

func save(t *testing.T, s *store.Store, msgs ...*message.Message) []store.Saved {
	t.Helper()
	out, err := s.SaveMessages(context.Background(), msgs)
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	return out
}

func TestSaveStoresOnceAndThreads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		// A reply arrives before the post it answers: both end up in one thread.
		reply := msg("2", "toujours pas de réponse", "fr", "relation-client", time.Minute)
		reply.InReplyTo = "1"
		save(t, s, reply)
		root := msg("1", "colis perdu depuis une semaine", "fr", "relation-client", 0)
		again := msg("2", "toujours pas de réponse", "fr", "relation-client", time.Minute)
		res := save(t, s, root, again)
		if res[0].Duplicate || !res[1].Duplicate {
			t.Fatalf("want root stored and reply duplicate, got %+v", res)
		}
		n, _ := s.CountMessages(ctx)
		if n != 2 {
			t.Fatalf("stored %d messages, want 2", n)
		}
		th, err := s.Thread(ctx, root.ThreadID)
		if err != nil || len(th) != 2 || th[0].ExternalID != "1" || th[1].ExternalID != "2" {
			t.Fatalf("thread = %+v, %v; want 1 then 2", th, err)
		}
		// A reply to the reply joins the same thread.
		r2 := msg("3", "merci", "fr", "relation-client", 2*time.Minute)
		r2.InReplyTo = "2"
		save(t, s, r2)
		if r2.ThreadID != root.ThreadID {
			t.Fatalf("reply to reply in thread %d, want %d", r2.ThreadID, root.ThreadID)
		}
		got, err := s.MessageByKey(ctx, "mastodon", "1")
		if err != nil || got.Community != "fr-market" || got.Author.Followers != 120 || got.Reason != "test" {
			t.Fatalf("message = %+v, %v", got, err)
		}
	})
}

func TestListFiltersSearchAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var batch []*message.Message
		for i := 0; i < 25; i++ {
			batch = append(batch, msg(fmt.Sprint(100+i), fmt.Sprintf("message numéro %d", i), "fr", "support-produit", time.Duration(i)*time.Second))
		}
		batch = append(batch,
			msg("a", "Mon vol a été annulé et personne ne répond", "fr", "relation-client", time.Hour),
			msg("b", "My flights were cancelled twice this week", "en", "relation-client", time.Hour+time.Second))
		save(t, s, batch...)

		seen := map[int64]bool{}
		cursor, pages := "", 0
		var prev time.Time
		for {
			p, err := s.Messages(ctx, store.MessageFilter{Department: "support-produit", Limit: 10, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range p.Items {
				if seen[m.ID] {
					t.Fatalf("message %d on two pages", m.ID)
				}
				if !prev.IsZero() && m.CreatedAt.After(prev) {
					t.Fatalf("not newest first")
				}
				seen[m.ID], prev = true, m.CreatedAt
			}
			pages++
			if cursor = p.NextCursor; cursor == "" {
				break
			}
		}
		if len(seen) != 25 || pages != 3 {
			t.Fatalf("paged %d messages over %d pages, want 25 over 3", len(seen), pages)
		}
		for q, want := range map[string]string{"annulation": "", "annulé": "a", "annule": "a", "cancelled": "b", "cancel": "b", "flight": "b", "VOL": "a"} {
			p, err := s.Messages(ctx, store.MessageFilter{Query: q})
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			if want == "" {
				continue // stemming differs between the two databases; only known matches are asserted
			}
			if len(p.Items) != 1 || p.Items[0].ExternalID != want {
				t.Errorf("search %q found %d items, want %s", q, len(p.Items), want)
			}
		}
		p, _ := s.Messages(ctx, store.MessageFilter{Query: `"; DROP TABLE messages; --`})
		if len(p.Items) != 0 {
			t.Errorf("hostile query matched %d", len(p.Items))
		}
		p, _ = s.Messages(ctx, store.MessageFilter{Departments: []string{}})
		if len(p.Items) != 0 {
			t.Errorf("empty department scope matched %d", len(p.Items))
		}
		p, _ = s.Messages(ctx, store.MessageFilter{Departments: []string{"relation-client"}, Lang: "en"})
		if len(p.Items) != 1 || p.Items[0].ExternalID != "b" {
			t.Errorf("scoped english list = %+v", p.Items)
		}
		if _, err := s.Messages(ctx, store.MessageFilter{Cursor: "garbage!"}); !errors.Is(err, store.ErrBadCursor) {
			t.Errorf("bad cursor error = %v", err)
		}
	})
}

func TestRerouteIsACorrection(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		m := msg("x", "mise en demeure de votre société", "fr", "relation-client", 0)
		save(t, s, m)
		a := store.Actor{Name: "test"}
		if err := s.Reroute(ctx, a, m.ID, "juridique", message.ClassLegal, "a formal notice"); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Message(ctx, m.ID)
		if got.Department != "juridique" || got.Class != message.ClassLegal {
			t.Fatalf("after reroute: %s %s", got.Department, got.Class)
		}
		cs, err := s.Corrections(ctx, 0, 10)
		if err != nil || len(cs) != 1 || cs[0].Label != "legal" || cs[0].FromClass != "complaint" || cs[0].Lang != "fr" {
			t.Fatalf("corrections = %+v, %v", cs, err)
		}
		ds, _ := s.Decisions(ctx, m.ID)
		if len(ds) != 2 || ds[0].Kind != "auto" || ds[1].Kind != "correction" || ds[1].FromDepartment != "relation-client" {
			t.Fatalf("decisions = %+v", ds)
		}
		if err := s.SetStatus(ctx, a, 99999, message.StatusOpen); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("status of missing message: %v", err)
		}
		log, _ := s.AuditLog(ctx, 0, 10)
		if len(log) != 1 || log[0].Action != "message.reroute" {
			t.Fatalf("audit = %+v", log)
		}
	})
}

func TestRoutingConfigRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		want := route.Default()
		if err := s.ApplyConfig(ctx, store.Actor{Name: "test"}, want); err != nil {
			t.Fatal(err)
		}
		got, err := s.RoutingConfig(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Departments) != len(want.Departments) || len(got.Rules) != len(want.Rules) || got.TriageBelow != want.TriageBelow {
			t.Fatalf("config = %d deps %d rules %v", len(got.Departments), len(got.Rules), got.TriageBelow)
		}
		if got.Departments[1].SLA != want.Departments[1].SLA || got.Rules[2].When.Keywords[0] != want.Rules[2].When.Keywords[0] {
			t.Fatalf("department or rule changed on the way: %+v", got.Departments[1])
		}
		if err := got.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestUsersTokensDeadLetters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		if err := s.ApplyConfig(ctx, a, route.Default()); err != nil {
			t.Fatal(err)
		}
		u, err := s.CreateUser(ctx, a, store.User{Email: "Ana@Example.com", Role: "agent", Departments: []string{"support-produit"}}, "h")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, a, store.User{Email: "ana@example.com", Role: "agent"}, "h"); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("duplicate user: %v", err)
		}
		if _, err := s.CreateUser(ctx, a, store.User{Email: "bo@example.com", Role: "agent", Departments: []string{"nope"}}, "h"); err == nil {
			t.Fatal("user in a missing department was created")
		}
		if users, _ := s.Users(ctx); len(users) != 1 {
			t.Fatalf("a failed create left a user behind: %d users", len(users))
		}
		tok, err := s.CreateToken(ctx, a, "ci", "agent", u.ID, "hash1")
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.TokenByHash(ctx, "hash1")
		if err != nil || got.UserID != u.ID {
			t.Fatalf("token = %+v, %v", got, err)
		}
		s.RevokeToken(ctx, a, tok.ID)
		if _, err := s.TokenByHash(ctx, "hash1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("revoked token still found: %v", err)
		}
		id, err := s.AddDeadLetter(ctx, store.DeadLetter{Subject: "s", Key: "k", Payload: "{}", Reason: "bad", Attempts: 3})
		if err != nil {
			t.Fatal(err)
		}
		dl, _ := s.DeadLetters(ctx, 0, 10)
		if len(dl) != 1 || dl[0].Reason != "bad" {
			t.Fatalf("dead letters = %+v", dl)
		}
		if _, err := s.TakeDeadLetter(ctx, a, id); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountDeadLetters(ctx); n != 0 {
			t.Fatalf("%d dead letters after take", n)
		}
	})
}
