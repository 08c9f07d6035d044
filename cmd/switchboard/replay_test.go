package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// writeBurstFile writes 30 hours of calm messages, three hours of a negative
// burst about an outage and a last message about it, in time order, and
// returns the burst's start.
func writeBurstFile(t *testing.T, path string) time.Time {
	r := rand.New(rand.NewPCG(7, 8))
	calm := []string{"merci pour la livraison rapide", "question sur mon forfait mobile", "super appli, bravo",
		"comment changer mon adresse ?", "la nouvelle offre fibre est sympa", "bonjour, horaires de la boutique ?"}
	start := time.Date(2024, 7, 18, 0, 0, 0, 0, time.UTC)
	burst := start.Add(30 * time.Hour)
	var b strings.Builder
	n := 0
	add := func(at time.Time, text string) {
		n++
		line, _ := json.Marshal(map[string]any{"channel": "replay", "external_id": fmt.Sprint(n), "text": text,
			"created_at": at.Format(time.RFC3339), "community": "fibre",
			"author": map[string]any{"handle": fmt.Sprintf("user%d", r.IntN(500)), "followers": r.IntN(3000)}})
		b.Write(line)
		b.WriteByte('\n')
	}
	for at := start; at.Before(burst); at = at.Add(5 * time.Minute) {
		for i := 0; i < 3; i++ {
			add(at.Add(time.Duration(i*90)*time.Second), calm[r.IntN(len(calm))])
		}
	}
	const outage = "Panne générale chez vous, plus aucun réseau ni internet depuis une heure, c'est inadmissible #panne"
	for at := burst; at.Before(burst.Add(3 * time.Hour)); at = at.Add(5 * time.Minute) {
		for i := 0; i < 40; i++ {
			add(at.Add(time.Duration(i*7)*time.Second), outage)
		}
	}
	// one more, 12 hours later (2 s at 20,000x): time enough, even on a
	// loaded machine, for the incident's rule to reach the router
	add(burst.Add(15*time.Hour), outage)
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return burst
}

func TestReplayOpensIncidentWithinTwoBucketsOfTheBurst(t *testing.T) {
	dir := t.TempDir()
	file, data := filepath.Join(dir, "burst.jsonl"), filepath.Join(dir, "data")
	burst := writeBurstFile(t, file)
	began := time.Now()
	// 45 hours of stream in about 8 s
	err := rootCmd().ParseAndRun(context.Background(), []string{"import", "--data-dir", data, "--log-level", "error",
		"--replay", "--speed", "20000", file})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(began); took < 5*time.Second {
		t.Fatalf("replay of 45 h at 20000x took %v: it did not follow the timestamps", took)
	}
	ctx := context.Background()
	st, err := app.OpenStore(ctx, app.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.Incidents(ctx, "", 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("incidents %+v (%v), want one", list, err)
	}
	in := list[0]
	if in.StartedAt.Before(burst) || in.StartedAt.After(burst.Add(10*time.Minute)) {
		t.Fatalf("incident started at %v, want within two 5-minute buckets of the burst's start %v", in.StartedAt, burst)
	}
	checkRoutedToCrisisQueue(t, st, in)
}

// checkRoutedToCrisisQueue checks the last message about the outage went
// through the incident's rule: direction-generale, replies needing approval.
func checkRoutedToCrisisQueue(t *testing.T, st *store.Store, in store.Incident) {
	ctx := context.Background()
	gathered, err := st.IncidentMessages(ctx, in.ID, 10_000)
	if err != nil || len(gathered) < 100 {
		t.Fatalf("incident gathered %d messages (%v), want the burst's", len(gathered), err)
	}
	last, err := st.Message(ctx, gathered[len(gathered)-1].MessageID)
	if err != nil {
		t.Fatal(err)
	}
	if last.Rule != in.RuleName || last.Department != "direction-generale" || !last.RequiresApproval {
		t.Fatalf("a late burst message was routed by %q to %q (approval %v), want %s to direction-generale with approval",
			last.Rule, last.Department, last.RequiresApproval, in.RuleName)
	}
}

func TestReplayRefusesBadSpeed(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "in.jsonl")
	os.WriteFile(file, []byte("{}\n"), 0o600)
	err := rootCmd().ParseAndRun(context.Background(), []string{"import", "--data-dir", filepath.Join(dir, "data"), "--replay", "--speed", "0", file})
	if err == nil || !strings.Contains(err.Error(), "--speed") {
		t.Fatalf("speed 0: %v", err)
	}
	err = rootCmd().ParseAndRun(context.Background(), []string{"import", "--data-dir", filepath.Join(dir, "data"), "--speed", "60", file})
	if err == nil || !strings.Contains(err.Error(), "--replay") {
		t.Fatalf("speed without replay: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err == nil {
		t.Fatal("a refused replay created the data directory")
	}
}
