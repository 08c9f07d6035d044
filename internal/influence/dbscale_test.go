package influence_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// fillSQL writes people authors, one message per interaction spread over 5
// communities, and the interactions (targets on a power law), straight in
// SQL in one transaction: a graph as the server would have stored it.
func fillSQL(b *testing.B, s *store.Store, people, edges int, seed uint64) {
	b.Helper()
	r := rand.New(rand.NewPCG(seed, 3))
	z := rand.NewZipf(r, 1.2, 8, uint64(people-1))
	tx, err := s.DB().Begin()
	if err != nil {
		b.Fatal(err)
	}
	exec := func(q string, args ...any) {
		if _, err := tx.Exec(q, args...); err != nil {
			b.Fatal(err)
		}
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro()
	exec(`INSERT INTO threads (id, channel, root_external_id, created_at, last_message_at) VALUES (1, 'x', 'root', ?, ?)`, t0, t0)
	for c := 1; c <= 5; c++ {
		exec(`INSERT INTO communities (id, slug, name, created_at) VALUES (?, ?, ?, ?)`, c, fmt.Sprintf("c%d", c), "c", t0)
	}
	stmt := func(q string) *sql.Stmt {
		st, err := tx.Prepare(q)
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	author := stmt(`INSERT INTO authors (id, channel, handle, followers, first_seen_at, last_seen_at) VALUES (?, 'x', ?, ?, ?, ?)`)
	for i := 1; i <= people; i++ {
		if _, err := author.Exec(i, fmt.Sprintf("p%d", i), r.IntN(10000), t0, t0); err != nil {
			b.Fatal(err)
		}
	}
	msg := stmt(`INSERT INTO messages (id, channel, external_id, thread_id, author_id, community_id, text, created_at, received_at, routed_at)
		VALUES (?, 'x', ?, 1, ?, ?, '', ?, ?, ?)`)
	edge := stmt(`INSERT INTO interactions (message_id, community_id, source_author_id, target_author_id, kind, created_at) VALUES (?, ?, ?, ?, 'mention', ?)`)
	for i := 1; i <= edges; i++ {
		from, to, c := 1+r.IntN(people), 1+int(z.Uint64()), 1+r.IntN(5)
		at := t0 + int64(i)*1_000_000
		if _, err := msg.Exec(i, fmt.Sprint(i), from, c, at, at, at); err != nil {
			b.Fatal(err)
		}
		if to != from {
			if _, err := edge.Exec(i, c, from, to, at); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkInfluenceFromSQLite measures the server's own path on SQLite,
// 100,000 authors and 1,000,000 messages each with one interaction: a cold
// recomputation (read authors, postings and interactions, build, rank 5
// communities and all together, write every score), then a warm update
// after 1,000 new messages with their interactions, a minute after the
// last ones (read what is new, rank
// the changed graphs from their last ranks, write the scores that moved). Skipped unless
// SWITCHBOARD_BENCH_INFLUENCE_DB=1 (it writes about a million rows):
//
//	SWITCHBOARD_BENCH_INFLUENCE_DB=1 go test ./internal/influence -run '^$' -bench FromSQLite -benchtime 1x
func BenchmarkInfluenceFromSQLite(b *testing.B) {
	if os.Getenv("SWITCHBOARD_BENCH_INFLUENCE_DB") != "1" {
		b.Skip("set SWITCHBOARD_BENCH_INFLUENCE_DB=1")
	}
	const people, edges = 100_000, 1_000_000
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		s := storetest.SQLite(b)
		t0 := time.Now()
		fillSQL(b, s, people, edges, 1)
		fill := time.Since(t0)
		eng := &influence.Engine{Store: s}
		runtime.GC()
		cold, err := eng.Recompute(ctx, false)
		if err != nil {
			b.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if _, err := s.DB().Exec(`INSERT INTO messages (id, channel, external_id, thread_id, author_id, community_id, text, created_at, received_at, routed_at)
			SELECT id + 10000000, channel, 'n' || external_id, thread_id, author_id, community_id, text,
			  (SELECT MAX(created_at) FROM messages) + 60000000 + id, received_at, routed_at
			FROM messages WHERE id <= 1000`); err != nil {
			b.Fatal(err)
		}
		if _, err := s.DB().Exec(`INSERT INTO interactions (message_id, community_id, source_author_id, target_author_id, kind, created_at)
			SELECT message_id + 10000000, community_id, source_author_id, target_author_id, kind,
			  (SELECT MAX(created_at) FROM interactions) + 60000000 + message_id
			FROM interactions WHERE message_id <= 1000`); err != nil {
			b.Fatal(err)
		}
		warm, err := eng.Recompute(ctx, true)
		if err != nil || !warm.Warm {
			b.Fatalf("warm: %+v, %v", warm, err)
		}
		b.ReportMetric(fill.Seconds(), "fill-s")
		b.ReportMetric(cold.Took.Seconds(), "cold-s")
		b.ReportMetric(cold.Read.Seconds(), "cold-read-s")
		b.ReportMetric(cold.Rank.Seconds(), "cold-rank-s")
		b.ReportMetric(cold.Write.Seconds(), "cold-write-s")
		b.ReportMetric(float64(cold.Iterations), "cold-iters")
		b.ReportMetric(float64(cold.Nodes), "cold-nodes")
		b.ReportMetric(warm.Took.Seconds(), "warm-s")
		b.ReportMetric(warm.Read.Seconds(), "warm-read-s")
		b.ReportMetric(warm.Rank.Seconds(), "warm-rank-s")
		b.ReportMetric(warm.Write.Seconds(), "warm-write-s")
		b.ReportMetric(float64(warm.Written), "warm-written")
		b.ReportMetric(float64(warm.Iterations), "warm-iters")
		b.ReportMetric(float64(warm.NewEdges), "warm-new-edges")
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
	}
}
