package incident_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// synthStream is 30 hours of calm chatter in one community (about three
// messages per 5 minutes, varied words), then a burst of negative messages
// about an outage from burstAt on; every message names the brand (freebox).
func synthStream(start time.Time) (msgs []message.Message, burstAt time.Time) {
	r := rand.New(rand.NewPCG(1, 2))
	calm := []string{"merci pour la livraison rapide", "question sur mon forfait mobile", "super appli, bravo",
		"comment changer mon adresse", "la nouvelle offre fibre est sympa", "bonjour, horaires boutique ?"}
	burstAt = start.Add(30 * time.Hour)
	id := int64(0)
	add := func(at time.Time, text string, neg bool) {
		id++
		m := message.Message{ID: id, Channel: "test", ExternalID: fmt.Sprint(id), Text: text + " freebox", Community: "fibre",
			CreatedAt: at, Author: message.Author{Handle: fmt.Sprintf("user%d", r.IntN(400)), Followers: int64(r.IntN(2000))}}
		m.Sentiment = message.Neutral
		if neg {
			m.Sentiment = message.Negative
		}
		msgs = append(msgs, m)
	}
	for t := start; t.Before(burstAt); t = t.Add(5 * time.Minute) {
		for i := 0; i < 2+r.IntN(3); i++ {
			add(t.Add(time.Duration(r.IntN(300))*time.Second), calm[r.IntN(len(calm))], false)
		}
	}
	for t := burstAt; t.Before(burstAt.Add(30 * time.Minute)); t = t.Add(5 * time.Minute) {
		for i := 0; i < 60; i++ {
			add(t.Add(time.Duration(i*5)*time.Second), "panne internet générale, plus de réseau depuis ce matin #panne", true)
		}
	}
	return msgs, burstAt
}

func TestBurstOpensIncidentWithRuleAndCloseRemovesIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		announced := 0
		m, err := incident.NewManager(ctx, st, crisis.DefaultConfig(), func() { announced++ }, quiet)
		if err != nil {
			t.Fatal(err)
		}
		msgs, burstAt := synthStream(time.Date(2024, 7, 18, 0, 0, 0, 0, time.UTC))
		var opened store.Incident
		for i := range msgs {
			if err := m.Handle(ctx, &msgs[i]); err != nil {
				t.Fatal(err)
			}
			list, err := st.Incidents(ctx, store.IncidentOpen, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) > 0 && opened.ID == 0 {
				opened = list[0]
				if msgs[i].CreatedAt.Before(burstAt) {
					t.Fatalf("incident opened at %v before the burst (%v): %+v", msgs[i].CreatedAt, burstAt, opened)
				}
				if late := msgs[i].CreatedAt.Sub(burstAt); late > 10*time.Minute {
					t.Fatalf("incident opened %v after the burst's start, want within two buckets", late)
				}
			}
		}
		if opened.ID == 0 {
			t.Fatal("no incident opened by the burst")
		}
		if all, _ := st.Incidents(ctx, "", 10); len(all) != 1 {
			t.Fatalf("%d incidents opened by one burst, want 1", len(all))
		}
		checkIncident(t, st, opened.ID, announced)
		if err := st.CloseIncident(ctx, store.Actor{Name: "test"}, opened.ID, "  "); err == nil {
			t.Fatal("closing without a post-mortem note was accepted")
		}
		if err := st.CloseIncident(ctx, store.Actor{Name: "test"}, opened.ID, "réseau rétabli à 11h"); err != nil {
			t.Fatal(err)
		}
		if rule := incidentRule(t, st, opened.ID); rule != nil {
			t.Fatalf("rule %s still installed after close", rule.Name)
		}
		if err := st.CloseIncident(ctx, store.Actor{Name: "test"}, opened.ID, "again"); err == nil {
			t.Fatal("closing twice was accepted")
		}
	})
}

func checkIncident(t *testing.T, st *store.Store, id int64, announced int) {
	t.Helper()
	ctx := context.Background()
	in, err := st.Incident(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(in.Terms, "panne") || contains(in.Terms, "freebox") || in.Community != "fibre" {
		t.Fatalf("incident terms %v community %q, want panne and not the brand in fibre", in.Terms, in.Community)
	}
	if announced == 0 {
		t.Fatal("the rule change was not announced")
	}
	rule := incidentRule(t, st, id)
	if rule == nil || rule.Then.Department != incident.CrisisDepartment || !rule.Then.RequireApproval {
		t.Fatalf("incident rule %+v, want direction-generale with approval", rule)
	}
	if rules, _ := st.Rules(ctx); rules[0].Name != rule.Name {
		t.Fatalf("incident rule is not first: %s", rules[0].Name)
	}
	gathered, err := st.IncidentMessages(ctx, id, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(gathered) < 60 {
		t.Fatalf("incident gathered %d messages, want the burst's (≥ 60)", len(gathered))
	}
	for _, g := range gathered {
		if !g.Negative {
			t.Fatalf("a calm message was gathered: %+v", g)
		}
	}
	if in.Severity != string(incident.High) && in.Severity != string(incident.Critical) {
		t.Fatalf("severity %s after 180 negative messages, want high or critical", in.Severity)
	}
}

func incidentRule(t *testing.T, st *store.Store, id int64) *route.Rule {
	t.Helper()
	rules, err := st.Rules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if r.Name == store.IncidentRuleName(id) {
			return &r
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestOpinionLeaderOpensLowIncidentOnTheirWords(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	m, err := incident.NewManager(ctx, st, crisis.DefaultConfig(), nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	msg := func(id int64, text string, followers int64, mins int) *message.Message {
		mm := &message.Message{ID: id, Channel: "test", ExternalID: fmt.Sprint(id), Text: text, Community: "laitiers",
			CreatedAt: at.Add(time.Duration(mins) * time.Minute), Author: message.Author{Handle: fmt.Sprint("a", id), Followers: followers}}
		mm.Sentiment = message.Negative
		return mm
	}
	for _, mm := range []*message.Message{
		msg(1, "Scandale : le rappel des yaourts contaminés arrive bien trop tard", 250_000, 0),
		msg(2, "Livraison encore en retard, service client injoignable", 40, 1),
		msg(3, "Mes enfants ont mangé ces yaourts hier, que faire ?", 30, 2),
	} {
		if err := m.Handle(ctx, mm); err != nil {
			t.Fatal(err)
		}
	}
	list, err := st.Incidents(ctx, store.IncidentOpen, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("incidents %+v (%v), want one", list, err)
	}
	in := list[0]
	if in.Severity != string(incident.Low) || !contains(in.Terms, "yaourts") || !contains(in.Terms, "scandale") {
		t.Fatalf("leader incident: severity %s, terms %v; want low on the post's words", in.Severity, in.Terms)
	}
	gathered, _ := st.IncidentMessages(ctx, in.ID, 10)
	var ids []int64
	for _, g := range gathered {
		ids = append(ids, g.MessageID)
	}
	if fmt.Sprint(ids) != "[1 3]" {
		t.Fatalf("gathered messages %v, want the leader's post and the one about the yaourts [1 3]", ids)
	}
}

// TestInfluentialAuthorOpensIncident: with the influence scores given
// (SetInfluence), a negative post of an author central in the community
// opens an incident though their followers are below the followers
// threshold; the scores are asked for negative messages only.
func TestInfluentialAuthorOpensIncident(t *testing.T) {
	ctx := context.Background()
	st := storetest.SQLite(t)
	m, err := incident.NewManager(ctx, st, crisis.DefaultConfig(), nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	var asked []string
	m.SetInfluence(func(mm *message.Message) float64 {
		asked = append(asked, mm.Author.Handle)
		return map[string]float64{"@hub": 97, "@fan": 99}[mm.Author.Handle]
	})
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	fan := &message.Message{ID: 1, Channel: "test", ExternalID: "1", Text: "Les nouveaux yaourts sont délicieux", Community: "laitiers",
		CreatedAt: at, Author: message.Author{Handle: "@fan", Followers: 20_000}}
	fan.Sentiment = message.Positive
	hub := &message.Message{ID: 2, Channel: "test", ExternalID: "2", Text: "Rappel des yaourts contaminés : silence de la marque",
		Community: "laitiers", CreatedAt: at.Add(time.Minute), Author: message.Author{Handle: "@hub", Followers: 20_000}}
	hub.Sentiment = message.Negative
	for _, mm := range []*message.Message{fan, hub} {
		if err := m.Handle(ctx, mm); err != nil {
			t.Fatal(err)
		}
	}
	if fmt.Sprint(asked) != "[@hub]" {
		t.Errorf("scores asked for %v, want the negative message's author only", asked)
	}
	list, err := st.Incidents(ctx, store.IncidentOpen, 10)
	if err != nil || len(list) != 1 || !contains(list[0].Terms, "yaourts") {
		t.Fatalf("incidents %+v (%v), want one on the influential author's words", list, err)
	}
}
