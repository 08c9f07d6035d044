package dispatch_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/dispatch"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

var sys = store.Actor{Name: "test"}

// monday is a Monday morning in Paris, inside everyone's business hours.
var monday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func setup(t *testing.T, s *store.Store) *dispatch.Dispatcher {
	t.Helper()
	if err := s.ApplyConfig(context.Background(), sys, route.Default()); err != nil {
		t.Fatal(err)
	}
	r, err := route.NewRouter(route.Default())
	if err != nil {
		t.Fatal(err)
	}
	return &dispatch.Dispatcher{Store: s, Router: r, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
}

func person(t *testing.T, s *store.Store, email, role string, capacity int, langs []string, available bool, deps ...string) int64 {
	t.Helper()
	u, err := s.CreateUser(context.Background(), sys, store.User{Email: email, Role: role, Departments: deps}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetAgentSettings(context.Background(), sys, store.AgentSettings{UserID: u.ID, Capacity: capacity, Languages: langs, Available: available}); err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func incoming(t *testing.T, s *store.Store, id, lang, dep string, at time.Time) int64 {
	t.Helper()
	m := &message.Message{Channel: "mastodon", ExternalID: id, Text: "colis perdu " + id, CreatedAt: at, ReceivedAt: at, RoutedAt: at,
		Author: message.Author{Handle: "@ana@example.social"}}
	m.Analysis = message.Analysis{Lang: lang, Sentiment: message.Negative, Class: message.ClassComplaint, Confidence: 0.9}
	m.Decision = message.Decision{Department: dep, Priority: message.PriorityNormal, Status: message.StatusNew, Reason: "test"}
	saved, err := s.SaveMessages(context.Background(), []*message.Message{m})
	if err != nil {
		t.Fatal(err)
	}
	return saved[0].ID
}

func assignee(t *testing.T, s *store.Store, id int64) int64 {
	m, err := s.Message(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m.AssigneeID
}

func TestAssign(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d := setup(t, s)
		ctx := context.Background()
		fr := person(t, s, "fr@example.com", "agent", 2, []string{"fr"}, true, "relation-client")
		any := person(t, s, "any@example.com", "agent", 1, nil, true, "relation-client")
		person(t, s, "away@example.com", "agent", 5, nil, false, "relation-client")
		person(t, s, "other@example.com", "agent", 5, nil, true, "juridique")
		var ids []int64
		for i, lang := range []string{"fr", "fr", "en", "fr", "en"} {
			ids = append(ids, incoming(t, s, string(rune('a'+i)), lang, "relation-client", monday.Add(time.Duration(i)*time.Minute)))
		}
		if err := d.Assign(ctx); err != nil {
			t.Fatal(err)
		}
		got := []int64{}
		for _, id := range ids {
			got = append(got, assignee(t, s, id))
		}
		// Oldest first; fewest open wins (fr and any both at 0: the first listed);
		// "en" only to the agent without languages; nobody over capacity.
		want := []int64{fr, any, 0, fr, 0}
		if !equal(got, want) {
			t.Fatalf("assignees %v, want %v", got, want)
		}
		// Someone frees up: the waiting English message goes to them.
		if err := s.SetStatus(ctx, sys, ids[1], message.StatusResolved); err != nil {
			t.Fatal(err)
		}
		if err := d.Assign(ctx); err != nil {
			t.Fatal(err)
		}
		if a := assignee(t, s, ids[2]); a != any {
			t.Fatalf("waiting message went to %d, want %d", a, any)
		}
	})
}

func TestWatchSLA(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		d := setup(t, s)
		ctx := context.Background()
		lead := person(t, s, "lead@example.com", "lead", 0, nil, false, "relation-client")
		id := incoming(t, s, "late", "fr", "relation-client", monday) // relation-client: first response in 1 h
		tick := func(at time.Time) {
			d.Now = func() time.Time { return at }
			if err := d.WatchSLA(ctx); err != nil {
				t.Fatal(err)
			}
		}
		tick(monday.Add(20 * time.Minute))
		if notes, _ := s.Notes(ctx, id); len(notes) != 0 {
			t.Fatalf("alert with 40 min left: %+v", notes)
		}
		tick(monday.Add(50 * time.Minute))
		tick(monday.Add(52 * time.Minute))
		notes, _ := s.Notes(ctx, id)
		mentions, _ := s.Mentions(ctx, lead, 10)
		if len(notes) != 1 || len(mentions) != 1 {
			t.Fatalf("warning: %d notes, %d mentions of the lead; want 1 and 1", len(notes), len(mentions))
		}
		tick(monday.Add(2 * time.Hour))
		tick(monday.Add(3 * time.Hour))
		m, _ := s.Message(ctx, id)
		notes, _ = s.Notes(ctx, id)
		if !m.Escalated || m.Priority != message.PriorityUrgent || len(notes) != 2 {
			t.Fatalf("missed: escalated %v, priority %s, %d notes", m.Escalated, m.Priority, len(notes))
		}
	})
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTickWatchesEveryWatch(t *testing.T) {
	s := storetest.SQLite(t)
	d := setup(t, s)
	d.Watch = time.Hour
	ctx := context.Background()
	id := incoming(t, s, "late", "fr", "relation-client", monday)
	at := func(dt time.Duration) {
		d.Now = func() time.Time { return monday.Add(dt) }
		if err := d.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	escalated := func() bool { m, _ := s.Message(ctx, id); return m.Escalated }
	at(50 * time.Minute) // watched: a warning
	at(70 * time.Minute) // late, but watched 20 min ago
	if escalated() {
		t.Fatal("watched again before Watch passed")
	}
	at(111 * time.Minute)
	if !escalated() {
		t.Fatal("not escalated once Watch passed")
	}
}
