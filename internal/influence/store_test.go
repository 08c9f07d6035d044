package influence_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func msg(id, text string, at time.Duration) *message.Message {
	m := &message.Message{
		Channel: "mastodon", ExternalID: id, Text: text, CreatedAt: t0.Add(at), ReceivedAt: t0.Add(at),
		RoutedAt: t0.Add(at), Community: "fr-market",
	}
	m.Analysis = message.Analysis{Lang: "en", Class: message.ClassComplaint, Confidence: 0.9, ModelVersion: "test-1"}
	m.Decision = message.Decision{Department: "customer", Priority: message.PriorityNormal, Status: message.StatusNew, Reason: "test"}
	return m
}

func save(t *testing.T, s *store.Store, msgs ...*message.Message) {
	t.Helper()
	if _, err := s.SaveMessages(context.Background(), msgs); err != nil {
		t.Fatalf("save: %v", err)
	}
}

func count(t *testing.T, s *store.Store, q string) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// influenceFixture stores a small conversation: Bob replies to Ana, Carol
// reposts her and names someone unknown; Dan writes elsewhere.
func influenceFixture(t *testing.T, s *store.Store) {
	t.Helper()
	by := func(m *message.Message, handle string, s message.Sentiment) *message.Message {
		m.Author = message.Author{Handle: handle, Name: handle[1:4], Followers: 10}
		m.Sentiment = s
		return m
	}
	root := by(msg("1", "The new cabin is great", 0), "@ana@example.social", message.Positive)
	root.Author.Followers = 5000
	reply := by(msg("2", "@ana@example.social agreed, lovely", time.Minute), "@bob@example.social", message.Positive)
	reply.InReplyTo = "1"
	repost := by(msg("3", "RT @Ana@Example.social: The new cabin is great", 2*time.Minute), "@carol@example.social", message.Neutral)
	unknown := by(msg("4", "still waiting, ask @nobody@example.social", 3*time.Minute), "@carol@example.social", message.Negative)
	other := by(msg("5", "bad service @ana@example.social", 4*time.Minute), "@dan@example.social", message.Negative)
	other.Community = "uk-market"
	save(t, s, root, reply, repost, unknown, other)
}

func TestInteractionsExtractedOnceAndScored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		influenceFixture(t, s)
		n, err := influence.Sync(ctx, s)
		if err != nil || n != 3 {
			t.Fatalf("sync = %d, %v; want 3 edges (reply, repost, the other community's mention)", n, err)
		}
		if again, err := influence.Sync(ctx, s); err != nil || again != 0 {
			t.Fatalf("second sync = %d, %v; want nothing new", again, err)
		}
		if k := count(t, s, `SELECT COUNT(*) FROM interactions WHERE kind = 'reply'`); k != 1 {
			t.Errorf("%d reply edges, want 1 (the leading @ana of the reply is not a mention too)", k)
		}
		eng := &influence.Engine{Store: s}
		if _, err := eng.Recompute(ctx, false); err != nil {
			t.Fatalf("recompute: %v", err)
		}
		leaders, err := s.Leaders(ctx, store.LeaderFilter{Community: "fr-market"})
		if err != nil || len(leaders) != 3 {
			t.Fatalf("leaders = %+v, %v; want Ana, Bob and Carol", leaders, err)
		}
		ana := leaders[0]
		if ana.Handle != "@ana@example.social" || ana.Score != 100 || ana.Stance != 1 || ana.Messages != 1 || len(ana.Recent) != 1 {
			t.Errorf("first leader %+v: want Ana, score 100, stance 1 from 1 message", ana)
		}
		if carol := leaders[2]; carol.Handle != "@carol@example.social" || carol.Stance != -0.5 || carol.Negative != 1 || carol.Neutral != 1 {
			t.Errorf("Carol %+v: want stance -0.5 (one neutral, one negative)", carol)
		}
		if v, err := s.InfluenceOf(ctx, "mastodon", "@ana@example.social", "fr-market"); err != nil || v != 100 {
			t.Errorf("influence of Ana = %g, %v; want 100", v, err)
		}
		if v, err := s.InfluenceOf(ctx, "mastodon", "@nobody@example.social", ""); err != nil || v != 0 {
			t.Errorf("influence of an unknown handle = %g, %v; want 0", v, err)
		}
		if _, err := s.Leaders(ctx, store.LeaderFilter{Community: "nowhere"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("leaders of an unknown community: %v, want not found", err)
		}
		if _, err := s.Leaders(ctx, store.LeaderFilter{Limit: 100000}); !errors.Is(err, store.ErrInvalidValue) {
			t.Errorf("a huge limit: %v, want invalid", err)
		}
		all, err := s.Leaders(ctx, store.LeaderFilter{})
		if err != nil || len(all) != 4 || all[0].Handle != "@ana@example.social" {
			t.Errorf("global leaders = %+v, %v; want 4, Ana first", all, err)
		}
	})
}

func TestRepeatersCountsPeopleNotMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		influenceFixture(t, s)
		got, err := s.Repeaters(ctx, store.RepeatFilter{Class: "complaint", Min: 2, Community: "fr-market"})
		if err != nil || len(got) != 1 || got[0].Handle != "@carol@example.social" || got[0].Messages != 2 {
			t.Fatalf("repeaters = %+v, %v; want Carol with 2", got, err)
		}
		if _, err := s.Repeaters(ctx, store.RepeatFilter{Class: "complaint", Min: 0}); !errors.Is(err, store.ErrInvalidValue) {
			t.Errorf("min 0: %v, want invalid", err)
		}
	})
}

// Erasing a person takes them out of the graph and the scores at the next
// recomputation.
func TestErasedAuthorLeavesTheGraph(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		influenceFixture(t, s)
		if _, err := influence.Sync(ctx, s); err != nil {
			t.Fatal(err)
		}
		eng := &influence.Engine{Store: s}
		if _, err := eng.Recompute(ctx, false); err != nil {
			t.Fatal(err)
		}
		var ana int64
		if err := s.DB().QueryRow(`SELECT id FROM authors WHERE handle = '@ana@example.social'`).Scan(&ana); err != nil {
			t.Fatal(err)
		}
		p, err := s.CreatePerson(ctx, store.Actor{Name: "test"}, []int64{ana})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ErasePerson(ctx, store.Actor{Name: "test"}, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := eng.Recompute(ctx, true); err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM interactions`); n != 0 {
			t.Errorf("%d interactions left after Ana's erasure, want 0 (all three were with her)", n)
		}
		leaders, err := s.Leaders(ctx, store.LeaderFilter{Community: "fr-market"})
		if err != nil || len(leaders) != 2 || leaders[0].Handle == "@ana@example.social" {
			t.Errorf("leaders after erasure: %+v, %v", leaders, err)
		}
	})
}

// A handle named before it ever wrote is linked at the next full
// recomputation: the graph does not depend on the order of arrival.
func TestMentionOfALaterAuthorIsLinkedOnRetry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		early := msg("e1", "waiting for @zoe@example.social to answer", 0)
		early.Author = message.Author{Handle: "@yan@example.social"}
		save(t, s, early)
		if n, err := influence.Sync(ctx, s); err != nil || n != 0 {
			t.Fatalf("sync before Zoe wrote: %d, %v", n, err)
		}
		late := msg("e2", "hello", time.Minute)
		late.Author = message.Author{Handle: "@zoe@example.social"}
		save(t, s, late)
		synced, err := influence.Sync(ctx, s) // PostgreSQL reads recent ids again, and may link it here
		if err != nil {
			t.Fatal(err)
		}
		retried, err := influence.Retry(ctx, s)
		if err != nil || synced+retried != 1 || count(t, s, `SELECT COUNT(*) FROM interactions`) != 1 {
			t.Fatalf("sync %d + retry %d, %v; want the one mention of Zoe", synced, retried, err)
		}
		if n := count(t, s, `SELECT COUNT(*) FROM interaction_retry`); n != 0 {
			t.Errorf("%d messages still to retry, want 0", n)
		}
		if n, err := influence.Retry(ctx, s); err != nil || n != 0 {
			t.Errorf("second retry: %d, %v", n, err)
		}
	})
}

// The stakeholder map's ties join a person's identities: Bob and Carol,
// grouped into one person, turned to Ana twice.
func TestTiesJoinAPersonsIdentities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		influenceFixture(t, s)
		if _, err := influence.Sync(ctx, s); err != nil {
			t.Fatal(err)
		}
		var bob, carol, ana int64
		for h, id := range map[string]*int64{"bob": &bob, "carol": &carol, "ana": &ana} {
			if err := s.DB().QueryRow(`SELECT id FROM authors WHERE handle = '@` + h + `@example.social'`).Scan(id); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CreatePerson(ctx, store.Actor{Name: "test"}, []int64{bob, carol}); err != nil {
			t.Fatal(err)
		}
		if _, err := (&influence.Engine{Store: s}).Recompute(ctx, false); err != nil {
			t.Fatal(err)
		}
		leaders, err := s.Leaders(ctx, store.LeaderFilter{Community: "fr-market"})
		if err != nil || len(leaders) != 2 {
			t.Fatalf("leaders: %+v, %v; want Ana and the Bob-Carol person", leaders, err)
		}
		ties, err := s.Ties(ctx, "fr-market", leaders)
		if want := []store.Tie{{From: min(bob, carol), To: ana, Count: 2}}; err != nil || !reflect.DeepEqual(ties, want) {
			t.Errorf("ties = %+v, %v; want %+v", ties, err, want)
		}
	})
}

// scoresOf reads every stored score by community and author.
func scoresOf(t *testing.T, s *store.Store) map[[2]int64]float64 {
	t.Helper()
	rows, err := s.DB().Query(`SELECT community_id, author_id, score FROM influence_scores`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[[2]int64]float64{}
	for rows.Next() {
		var c, a int64
		var v float64
		if err := rows.Scan(&c, &a, &v); err != nil {
			t.Fatal(err)
		}
		out[[2]int64{c, a}] = v
	}
	return out
}

// A warm update (the graphs kept in memory, only what was stored since
// read) scores as a cold run from scratch does.
func TestWarmUpdateScoresAsAColdRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		influenceFixture(t, s)
		if _, err := influence.Sync(ctx, s); err != nil {
			t.Fatal(err)
		}
		eng := &influence.Engine{Store: s}
		if _, err := eng.Recompute(ctx, false); err != nil {
			t.Fatal(err)
		}
		var more []*message.Message
		for i, who := range []string{"@eve@example.social", "@fay@example.social", "@carol@example.social"} {
			m := msg("w"+who, "@bob@example.social and @dan@example.social, right", time.Duration(20+i)*24*time.Hour)
			m.Author.Handle, m.InReplyTo = who, "2"
			if i == 1 {
				m.Community = "de-market" // a community born in the update
			}
			more = append(more, m)
		}
		save(t, s, more...)
		if _, err := influence.Sync(ctx, s); err != nil {
			t.Fatal(err)
		}
		st, err := eng.Recompute(ctx, true)
		if err != nil || !st.Warm || st.NewEdges != 6 {
			t.Fatalf("warm update: %+v, %v; want warm with 6 new edges", st, err)
		}
		warm := scoresOf(t, s)
		if _, err := (&influence.Engine{Store: s}).Recompute(ctx, false); err != nil {
			t.Fatal(err)
		}
		cold := scoresOf(t, s)
		if len(warm) != len(cold) {
			t.Fatalf("warm scored %d people-in-community, cold %d", len(warm), len(cold))
		}
		for k, v := range cold {
			if math.Abs(warm[k]-v) > influence.MinMove+0.01 { // a warm update writes scores that moved by MinMove
				t.Errorf("community %d author %d: warm %.4f, cold %.4f", k[0], k[1], warm[k], v)
			}
		}
	})
}
