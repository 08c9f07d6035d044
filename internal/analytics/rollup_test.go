package analytics_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

var day0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

var (
	classes   = []message.Class{message.ClassComplaint, message.ClassTechnical, message.ClassPraise, message.ClassNoise}
	deps      = []string{"relation-client", "support-produit", "marketing-communaute", ""}
	sentiment = []message.Sentiment{message.Negative, message.Neutral, message.Positive}
)

// messages makes n messages spread over three days, communities, channels,
// classes, languages and sentiments, reproducibly.
func messages(n int, seed int64) []*message.Message {
	r := rand.New(rand.NewSource(seed))
	out := make([]*message.Message, n)
	for i := range out {
		at := day0.Add(time.Duration(r.Intn(3*24*60)) * time.Minute)
		c := r.Intn(len(classes))
		m := &message.Message{
			Channel: []string{"mastodon", "bluesky"}[r.Intn(2)], ExternalID: fmt.Sprint(seed, "-", i),
			Text:      []string{"vol annulé encore #grève", "merci pour le service", "appli plantée depuis hier"}[r.Intn(3)],
			CreatedAt: at, ReceivedAt: at, RoutedAt: at,
			Author:    message.Author{Handle: fmt.Sprint("@u", r.Intn(20))},
			Community: []string{"fr-market", "uk-market", ""}[r.Intn(3)],
		}
		m.Analysis = message.Analysis{Lang: []string{"fr", "en"}[r.Intn(2)], Sentiment: sentiment[r.Intn(3)],
			SentimentScore: r.Float64()*2 - 1, Class: classes[c], Confidence: 0.9}
		m.Decision = message.Decision{Department: deps[c], Priority: message.PriorityNormal, Status: message.StatusNew, Reason: "test"}
		out[i] = m
	}
	return out
}

// direct counts the stored messages per hour and key of a breakdown, read
// straight from the messages table.
func direct(t *testing.T, s *store.Store, by string) map[string]int64 {
	t.Helper()
	rows, err := s.DB().Query(`SELECT m.created_at, m.channel, m.class, m.department, m.lang, COALESCE(c.slug, '')
		FROM messages m LEFT JOIN communities c ON c.id = m.community_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var at int64
		var ch, cl, dep, lang, comm string
		if err := rows.Scan(&at, &ch, &cl, &dep, &lang, &comm); err != nil {
			t.Fatal(err)
		}
		key := map[string]string{"channel": ch, "class": cl, "department": dep, "lang": lang, "community": comm, "": ""}[by]
		out[fmt.Sprint(time.UnixMicro(at).UTC().Truncate(time.Hour).Unix(), "|", key)]++
	}
	return out
}

func fromRollups(t *testing.T, svc analytics.Service, by string) map[string]int64 {
	t.Helper()
	pts, err := svc.Volume(context.Background(), analytics.Filter{From: day0, To: day0.AddDate(0, 0, 3), By: by, Interval: "hour"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, p := range pts {
		out[fmt.Sprint(p.Time.Unix(), "|", p.Key)] += p.Count
	}
	return out
}

func sameCounts(t *testing.T, s *store.Store, svc analytics.Service, when string) {
	t.Helper()
	for _, by := range []string{"", "channel", "class", "department", "lang", "community"} {
		want, got := direct(t, s, by), fromRollups(t, svc, by)
		if len(want) != len(got) {
			t.Errorf("%s, by %q: %d cells in the rollups, %d counted directly", when, by, len(got), len(want))
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%s, by %q, cell %s: rollup %d, direct %d", when, by, k, got[k], n)
			}
		}
	}
}

func TestRollupsEqualDirectCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := &analytics.Worker{Store: s, GapWait: -1, Batch: 37} // small batches: many steps
		svc := analytics.Service{Store: s}
		msgs := messages(400, 1)
		for i := 0; i < len(msgs); i += 50 {
			if _, err := s.SaveMessages(ctx, msgs[i:i+50]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.SaveMessages(ctx, msgs[:10]); err != nil { // redelivered: stored and counted once
			t.Fatal(err)
		}
		// Two workers (two processes) at once count every message once.
		other := &analytics.Worker{Store: s, GapWait: -1, Batch: 29}
		errs := make(chan error, 2)
		go func() { errs <- w.CatchUp(ctx) }()
		go func() { errs <- other.CatchUp(ctx) }()
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		sameCounts(t, s, svc, "after ingest")

		// Re-routes move the counts; a message re-routed twice too.
		a := store.Actor{Name: "test"}
		for i, m := range msgs[:40] {
			if err := s.Reroute(ctx, a, m.ID, "juridique", message.ClassLegal, "test"); err != nil {
				t.Fatal(err)
			}
			if i%4 == 0 {
				if err := s.Reroute(ctx, a, m.ID, "relation-client", message.ClassComplaint, "back"); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := w.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		sameCounts(t, s, svc, "after re-routes")

		// Daily figures from the daily rollup agree with the hourly ones.
		daily, err := svc.Volume(ctx, analytics.Filter{From: day0, To: day0.AddDate(0, 0, 3), By: "department"})
		if err != nil {
			t.Fatal(err)
		}
		var total int64
		for _, p := range daily {
			total += p.Count
		}
		if total != int64(len(msgs)) {
			t.Errorf("daily volume sums to %d, want %d", total, len(msgs))
		}
		// A range that does not start on a day: days summed from the hours.
		odd, err := svc.Volume(ctx, analytics.Filter{From: day0.Add(90 * time.Minute), To: day0.AddDate(0, 0, 3)})
		if err != nil {
			t.Fatal(err)
		}
		var fromHours, want int64
		for _, p := range odd {
			fromHours += p.Count
		}
		if err := s.DB().QueryRow(fmt.Sprint(`SELECT COUNT(*) FROM messages WHERE created_at >= `, day0.Add(time.Hour).UnixMicro())).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if fromHours != want || len(odd) != 3 {
			t.Errorf("volume from 01:30 by day: %d messages in %d days, want %d (from 01:00) in 3", fromHours, len(odd), want)
		}
		sentimentMatches(t, s, svc)
	})
}

func sentimentMatches(t *testing.T, s *store.Store, svc analytics.Service) {
	t.Helper()
	var neg, pos int64
	var sum float64
	err := s.DB().QueryRow(`SELECT SUM(CASE WHEN sentiment = 'negative' THEN 1 ELSE 0 END),
		SUM(CASE WHEN sentiment = 'positive' THEN 1 ELSE 0 END), SUM(sentiment_score) FROM messages`).Scan(&neg, &pos, &sum)
	if err != nil {
		t.Fatal(err)
	}
	pts, err := svc.Sentiment(context.Background(), analytics.Filter{From: day0, To: day0.AddDate(0, 0, 3)})
	if err != nil {
		t.Fatal(err)
	}
	var gotNeg, gotPos int64
	var gotSum float64
	for _, p := range pts {
		gotNeg, gotPos, gotSum = gotNeg+p.Negative, gotPos+p.Positive, gotSum+p.Mean*float64(p.Messages)
	}
	if gotNeg != neg || gotPos != pos || gotSum-sum > 1e-6 || sum-gotSum > 1e-6 {
		t.Errorf("sentiment: rollups %d negative, %d positive, sum %.4f; direct %d, %d, %.4f", gotNeg, gotPos, gotSum, neg, pos, sum)
	}
}

func TestRollupSLAAndBacklog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		always := route.BusinessHours{} // the clock always runs
		cfg := route.Config{Departments: []route.Department{
			{Slug: "relation-client", Name: "RC", Classes: []message.Class{message.ClassComplaint}, BusinessHours: always,
				SLA: route.SLA{FirstResponse: route.Duration(time.Hour), Resolution: route.Duration(24 * time.Hour)}},
		}}
		if err := s.ApplyConfig(ctx, store.Actor{Name: "test"}, cfg); err != nil {
			t.Fatal(err)
		}
		u, err := s.CreateUser(ctx, store.Actor{Name: "test"}, store.User{Email: "ana@example.com", Name: "Ana", Role: "agent"}, "")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		msgs := messages(3, 2)
		for i, m := range msgs {
			m.Community, m.Department, m.Class = "fr-market", "relation-client", message.ClassComplaint
			m.ReceivedAt = now.Add(-time.Duration(i*3) * time.Hour) // 0h, 3h and 6h ago
		}
		if _, err := s.SaveMessages(ctx, msgs); err != nil {
			t.Fatal(err)
		}
		a := store.Actor{UserID: u.ID, Name: "user:ana@example.com"}
		for _, m := range msgs {
			for k := 0; k < 2; k++ { // only the first reply sent is the first response
				r, err := s.CreateReply(ctx, a, m.ID, "Bonjour", false)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.MarkReplySent(ctx, r.ID, fmt.Sprint("x", r.ID)); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := s.SetStatus(ctx, a, msgs[1].ID, message.StatusResolved); err != nil {
			t.Fatal(err)
		}
		w := &analytics.Worker{Store: s, GapWait: -1}
		if err := w.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		svc := analytics.Service{Store: s}
		figs, err := svc.SLA(ctx, analytics.Filter{Community: "fr-market", From: now.Add(-24 * time.Hour), To: now.Add(24 * time.Hour), By: "agent"})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]analytics.SLAFigure{}
		for _, f := range figs {
			got[f.Kind] = f
		}
		fr := got["first_response"]
		if fr.Count != 3 || fr.WithTarget != 3 || fr.OnTime != 1 || fr.Agent != "Ana" || fr.TargetSeconds != 3600 {
			t.Errorf("first responses: %+v; want 3, 1 on time (the one received now), by Ana, target 3600 s", fr)
		}
		if res := got["resolution"]; res.Count != 1 || res.OnTime != 1 || res.MeanSeconds < 3*3600-60 || res.MeanSeconds > 3*3600+60 {
			t.Errorf("resolutions: %+v; want 1, on time, about 3 h", res)
		}
		byDep, err := svc.SLA(ctx, analytics.Filter{From: now.Add(-24 * time.Hour), To: now.Add(24 * time.Hour)})
		if err != nil || len(byDep) != 2 || byDep[0].Count != 3 || byDep[0].Agent != "" || byDep[1].Count != 1 {
			t.Errorf("SLA by department: %+v, %v", byDep, err)
		}
		// Over months, whole months are read from the monthly rows: the same figures.
		long, err := svc.SLA(ctx, analytics.Filter{From: now.AddDate(0, -3, 0), To: now.AddDate(0, 2, 0)})
		if err != nil || len(long) != 2 || long[0] != byDep[0] || long[1] != byDep[1] {
			t.Errorf("SLA over five months: %+v, %v; want %+v", long, err, byDep)
		}
		back, err := svc.Backlog(ctx, analytics.Filter{Community: "fr-market"})
		if err != nil {
			t.Fatal(err)
		}
		if len(back) != 1 || back[0].Key != "relation-client" || back[0].Count != 2 {
			t.Errorf("backlog %+v, want 2 open in relation-client", back)
		}
		if _, err := svc.SLA(ctx, analytics.Filter{Community: "nowhere", From: now, To: now.Add(time.Hour)}); err == nil {
			t.Error("an unknown community was accepted")
		}
		// The history is hourly: like any hourly figure, over at most MaxHourlyRange.
		hist, err := svc.BacklogHistory(ctx, analytics.Filter{From: now.Add(-2 * time.Hour), To: now.Add(time.Hour)})
		if err != nil || len(hist) != 1 || hist[0].Count != 2 {
			t.Errorf("backlog history %+v, %v; want the sample of 2 open", hist, err)
		}
		if _, err := svc.BacklogHistory(ctx, analytics.Filter{From: now.AddDate(-4, 0, 0), To: now}); !errors.Is(err, analytics.ErrBadFilter) {
			t.Errorf("backlog history over four years: %v, want ErrBadFilter", err)
		}
	})
}

func TestRisingTerms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var msgs []*message.Message
		add := func(day int, text string, n int) {
			for i := 0; i < n; i++ {
				at := day0.AddDate(0, 0, day).Add(time.Duration(i) * time.Minute)
				m := &message.Message{Channel: "x", ExternalID: fmt.Sprint(day, text, i), Text: text, CreatedAt: at,
					ReceivedAt: at, RoutedAt: at, Author: message.Author{Handle: "@a"}, Community: "us-air"}
				m.Analysis = message.Analysis{Lang: "en", Sentiment: message.Neutral, Class: message.ClassNoise}
				m.Decision = message.Decision{Status: message.StatusNew}
				msgs = append(msgs, m)
			}
		}
		for d := 0; d < 8; d++ {
			add(d, "luggage arrived late", 10) // the usual level
		}
		add(8, "luggage arrived late", 10)
		add(8, "flight Cancelled Flightled #snowstorm", 30) // the surge
		add(8, "<b>weird</b> weird weird", 2)               // too rare to rank
		if _, err := s.SaveMessages(ctx, msgs); err != nil {
			t.Fatal(err)
		}
		if err := (&analytics.Worker{Store: s, GapWait: -1}).CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		terms, err := analytics.Service{Store: s}.RisingTerms(ctx, analytics.Filter{Community: "us-air",
			From: day0.AddDate(0, 0, 8), To: day0.AddDate(0, 0, 9)}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(terms) < 4 || terms[0].Count != 30 || terms[0].Baseline != 0 {
			t.Fatalf("rising terms %+v: want the surge's terms first", terms)
		}
		top := map[string]bool{}
		for _, tt := range terms[:4] {
			top[tt.Term] = true
		}
		if !top["#snowstorm"] || !top["cancelled"] || !top["flightled"] || !top["flight"] {
			t.Errorf("rising terms %+v: want #snowstorm, cancelled, flightled and flight on top", terms)
		}
		for _, tt := range terms {
			if tt.Term == "luggage" && tt.Ratio > 1.01 {
				t.Errorf("a term at its usual level rises: %+v", tt)
			}
			if tt.Term == "weird" {
				t.Errorf("a term seen twice is ranked: %+v", tt)
			}
		}
	})
}
