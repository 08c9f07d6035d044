package analytics_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// TestDashboardQueriesOnTenMillionMessages times every dashboard figure over
// a SQLite store holding 10,000,000 messages and their rollups, written
// straight into the tables (not through the pipeline). It runs only when
// SWITCHBOARD_BENCH_DASHBOARD=1; SWITCHBOARD_BENCH_DB=PATH keeps the filled
// database for another run, SWITCHBOARD_BENCH_MESSAGES changes the count:
//
//	SWITCHBOARD_BENCH_DASHBOARD=1 go test -run DashboardQueriesOnTen -v -timeout 90m ./internal/analytics/
func TestDashboardQueriesOnTenMillionMessages(t *testing.T) {
	if os.Getenv("SWITCHBOARD_BENCH_DASHBOARD") != "1" {
		t.Skip("set SWITCHBOARD_BENCH_DASHBOARD=1 to fill a store with 10,000,000 messages and time the dashboard figures")
	}
	n, _ := strconv.Atoi(os.Getenv("SWITCHBOARD_BENCH_MESSAGES"))
	if n == 0 {
		n = 10_000_000
	}
	ctx := context.Background()
	path := os.Getenv("SWITCHBOARD_BENCH_DB")
	if path == "" {
		path = filepath.Join(t.TempDir(), "bench.db")
	}
	s, err := store.Open(ctx, "sqlite:"+path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var have int
	s.DB().QueryRow(`SELECT COUNT(*) FROM authors`).Scan(&have)
	if have == 0 {
		start := time.Now()
		benchFill(t, s.DB(), n)
		t.Logf("filled %d messages and their rollups in %v", n, time.Since(start).Round(time.Second))
	}
	var stored int64
	s.DB().QueryRow(`SELECT MAX(id) FROM messages`).Scan(&stored)
	t.Logf("messages stored: %d", stored)
	start := time.Now()
	if err := s.SnapshotBacklog(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	t.Logf("backlog count by the worker (every minute, off the request path): %v", time.Since(start).Round(time.Millisecond))

	svc := analytics.Service{Store: s}
	end := benchEnd
	year, month, day := end.AddDate(-1, 0, 0), end.AddDate(0, 0, -31), end.AddDate(0, 0, -1)
	odd := end.AddDate(0, 0, -30).Add(10*time.Hour + 30*time.Minute)
	for _, c := range []struct {
		name string
		run  func() (int, error)
	}{
		{"volume, all, 1 year by day, by channel", count(svc.Volume, analytics.Filter{From: year, To: end, By: "channel"})},
		{"volume, one community, 1 year by day, by class", count(svc.Volume, analytics.Filter{Community: "brand-2", From: year, To: end, By: "class"})},
		{"volume, all, 31 days by hour, by department", count(svc.Volume, analytics.Filter{From: month, To: end, By: "department", Interval: "hour"})},
		{"volume, all, 30 days from 10:30 by day, by community", count(svc.Volume, analytics.Filter{From: odd, To: end, By: "community"})},
		{"volume, all, 1 day by hour, by lang", count(svc.Volume, analytics.Filter{From: day, To: end, By: "lang", Interval: "hour"})},
		{"sentiment, all, 1 year by day", count(svc.Sentiment, analytics.Filter{From: year, To: end})},
		{"sentiment, one community, 31 days by hour", count(svc.Sentiment, analytics.Filter{Community: "brand-4", From: month, To: end, Interval: "hour"})},
		{"SLA, all, 1 year, by department", count(svc.SLA, analytics.Filter{From: year, To: end, By: "department"})},
		{"SLA, all, 1 year, by agent", count(svc.SLA, analytics.Filter{From: year, To: end, By: "agent"})},
		{"backlog, all (latest count)", count(svc.Backlog, analytics.Filter{})},
		{"backlog history, all, 31 days", count(svc.BacklogHistory, analytics.Filter{From: month, To: end})},
		{"rising terms, all, 1 day", terms(svc, analytics.Filter{From: day, To: end})},
		{"rising terms, one community, 7 days", terms(svc, analytics.Filter{Community: "brand-1", From: end.AddDate(0, 0, -7), To: end})},
		{"share of voice, 1 year", count(svc.ShareOfVoice, analytics.Filter{From: year, To: end})},
	} {
		var took []time.Duration
		rows := 0
		for i := 0; i < 23; i++ {
			start := time.Now()
			k, err := c.run()
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if i >= 3 { // warm-up
				took = append(took, time.Since(start))
			}
			rows = k
		}
		slices.Sort(took)
		p50, p95 := took[len(took)/2], took[len(took)*95/100]
		t.Logf("%-56s %6d rows  p50 %7.1f ms  p95 %7.1f ms", c.name, rows, ms(p50), ms(p95))
		if rows == 0 {
			t.Errorf("%s: no rows", c.name)
		}
		if p95 > 500*time.Millisecond {
			t.Errorf("%s: p95 %v over 500 ms", c.name, p95)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func count[T any](f func(context.Context, analytics.Filter) ([]T, error), flt analytics.Filter) func() (int, error) {
	return func() (int, error) {
		out, err := f(context.Background(), flt)
		return len(out), err
	}
}

func terms(svc analytics.Service, f analytics.Filter) func() (int, error) {
	return func() (int, error) {
		out, err := svc.RisingTerms(context.Background(), f, 20)
		return len(out), err
	}
}

// benchEnd is the end of the year of generated messages.
var benchEnd = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

var (
	benchChannels = []string{"mastodon", "bluesky", "x", "email"}
	benchClasses  = []string{"complaint", "technical", "values", "legal", "crisis", "praise", "noise"}
	benchDeps     = []string{"relation-client", "support-produit", "rh-communication", "juridique", "direction-generale", "marketing-communaute", "triage"}
	benchSent     = []string{"negative", "neutral", "positive"}
)

const benchCommunities = 6

// benchFill writes n messages over the year before benchEnd, with 10,000
// authors, threads of ten, six communities, four channels, seven classes and
// departments, two languages, 10 % not resolved; then the rollups those
// messages make (the hourly cube and its hourly and daily margins, as the
// worker would write them),
// 300 terms per community and day, first responses and resolutions of ten
// agents per department and day, and hourly backlog samples.
func benchFill(t *testing.T, db *sql.DB, n int) {
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `PRAGMA cache_size = -1000000`); err != nil { // 1 GB while filling
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(9))
	tx := begin(t, db)
	for i := 1; i <= benchCommunities; i++ {
		exec(t, tx, `INSERT INTO communities (id, slug, name, created_at) VALUES (?, ?, ?, 0)`, i, fmt.Sprint("brand-", i), fmt.Sprint("Brand ", i))
	}
	for i := 1; i <= 10_000; i++ {
		exec(t, tx, `INSERT INTO authors (id, channel, handle, first_seen_at, last_seen_at) VALUES (?, 'mastodon', ?, 0, 0)`, i, fmt.Sprint("@u", i))
	}
	from := benchEnd.AddDate(-1, 0, 0).UnixMicro()
	span := benchEnd.UnixMicro() - from
	hour := map[[5]string]*[5]float64{}
	daily := map[[3]string]*[5]float64{}
	curHour, curDay := int64(-1), int64(-1)
	thread, msg := prepare(t, tx, threadSQL), prepare(t, tx, msgSQL)
	for i := 0; i < n; i++ {
		at := from + int64(float64(span)*float64(i)/float64(n))
		if h := at - at%3_600_000_000; h != curHour {
			flushHour(t, tx, curHour, hour, daily)
			hour, curHour = map[[5]string]*[5]float64{}, h
		}
		if d := at - at%86_400_000_000; d != curDay {
			flushMargins(t, tx, "d", curDay, daily)
			daily, curDay = map[[3]string]*[5]float64{}, d
		}
		if i%500_000 == 499_999 {
			commit(t, tx)
			tx = begin(t, db)
			thread, msg = prepare(t, tx, threadSQL), prepare(t, tx, msgSQL)
		}
		c := r.Intn(len(benchClasses))
		comm, ch, lang, sent := 1+r.Intn(benchCommunities), benchChannels[r.Intn(4)], []string{"fr", "en"}[r.Intn(2)], r.Intn(3)
		status := "resolved"
		if i%10 == 0 {
			status = "new"
		}
		if i%10 == 0 {
			run(t, thread, i/10+1, fmt.Sprintf("r%09d", i), at, at)
		}
		score := float64(sent-1) * 0.6
		run(t, msg, i+1, ch, fmt.Sprintf("m%09d", i), i/10+1, i%10_000+1, comm, "about an order, a parcel or an invoice", lang, at, at, at,
			benchSent[sent], score, benchClasses[c], benchDeps[c], status)
		key := [5]string{strconv.Itoa(comm), ch, benchClasses[c], benchDeps[c], lang}
		v := hour[key]
		if v == nil {
			v = &[5]float64{}
			hour[key] = v
		}
		v[0]++
		v[1+sent]++
		v[4] += score
	}
	flushHour(t, tx, curHour, hour, daily)
	flushMargins(t, tx, "d", curDay, daily)
	commit(t, tx)
	tx = begin(t, db)
	fillDays(t, tx, r)
	commit(t, tx)
	if _, err := db.ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
}

// fillDays writes the terms, SLA and backlog rollups of the year.
func fillDays(t *testing.T, tx *sql.Tx, r *rand.Rand) {
	for d := benchEnd.AddDate(-1, 0, 0); d.Before(benchEnd); d = d.AddDate(0, 0, 1) {
		day := d.UnixMicro()
		for c := 1; c <= benchCommunities; c++ {
			shift := r.Intn(400)
			for k := 0; k < analytics.TermsKept; k++ {
				exec(t, tx, `INSERT INTO rollup_terms (community_id, day, term, n) VALUES (?, ?, ?, ?)`,
					c, day, fmt.Sprintf("term%03d", (k+shift)%400), 2000/(k+1)+analytics.TermsMin+r.Intn(5))
			}
			for dep := range benchDeps {
				for agent := 1; agent <= 10; agent++ {
					for _, kind := range []string{"first_response", "resolution"} {
						n := 5 + r.Intn(20)
						ok := n - r.Intn(5)
						exec(t, tx, `INSERT INTO rollup_sla (grain, day, community_id, department, agent_id, kind, n, with_target, on_time, seconds)
							VALUES ('d', ?, ?, ?, ?, ?, ?, ?, ?, ?)`, day, c, benchDeps[dep], dep*10+agent, kind, n, n, ok, float64(n*1800))
						exec(t, tx, `INSERT INTO rollup_sla (grain, day, community_id, department, agent_id, kind, n, with_target, on_time, seconds)
							VALUES ('m', ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (grain, day, community_id, department, agent_id, kind) DO UPDATE SET
							n = rollup_sla.n + excluded.n, with_target = rollup_sla.with_target + excluded.with_target,
							on_time = rollup_sla.on_time + excluded.on_time, seconds = rollup_sla.seconds + excluded.seconds`,
							store.MonthOf(d).UnixMicro(), c, benchDeps[dep], dep*10+agent, kind, n, n, ok, float64(n*1800))
					}
				}
			}
		}
		for h := 0; h < 24; h++ {
			for c := 1; c <= benchCommunities; c++ {
				for _, dep := range benchDeps {
					exec(t, tx, `INSERT INTO rollup_backlog (bucket, community_id, department, open) VALUES (?, ?, ?, ?)`,
						day+int64(h)*3_600_000_000, c, dep, 100+r.Intn(900))
				}
			}
		}
	}
}

// flushHour writes an hour's cube cells and their margins, and adds the
// margins to the day's.
func flushHour(t *testing.T, tx *sql.Tx, bucket int64, cells map[[5]string]*[5]float64, daily map[[3]string]*[5]float64) {
	if bucket < 0 {
		return
	}
	hourly := map[[3]string]*[5]float64{}
	for k, v := range cells {
		comm, _ := strconv.Atoi(k[0])
		exec(t, tx, `INSERT INTO rollup_hourly (bucket, community_id, channel, class, department, lang, messages, negative, neutral, positive, sentiment_sum)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, bucket, comm, k[1], k[2], k[3], k[4], int64(v[0]), int64(v[1]), int64(v[2]), int64(v[3]), v[4])
		for i, dim := range []string{"all", "channel", "class", "department", "lang"} {
			value := ""
			if i > 0 {
				value = k[i]
			}
			for _, m := range []map[[3]string]*[5]float64{hourly, daily} {
				mk := [3]string{dim, k[0], value}
				acc := m[mk]
				if acc == nil {
					acc = &[5]float64{}
					m[mk] = acc
				}
				for j := range v {
					acc[j] += v[j]
				}
			}
		}
	}
	flushMargins(t, tx, "h", bucket, hourly)
}

func flushMargins(t *testing.T, tx *sql.Tx, grain string, bucket int64, cells map[[3]string]*[5]float64) {
	if bucket < 0 {
		return
	}
	for k, v := range cells {
		comm, _ := strconv.Atoi(k[1])
		exec(t, tx, `INSERT INTO rollup_volume (grain, dim, bucket, community_id, dim_value, messages, negative, neutral, positive, sentiment_sum)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, grain, k[0], bucket, comm, k[2], int64(v[0]), int64(v[1]), int64(v[2]), int64(v[3]), v[4])
	}
}

const (
	threadSQL = `INSERT INTO threads (id, channel, root_external_id, created_at, last_message_at) VALUES (?, 'mastodon', ?, ?, ?)`
	msgSQL    = `INSERT INTO messages (id, channel, external_id, thread_id, author_id, community_id, text, lang, created_at,
		received_at, routed_at, sentiment, sentiment_score, class, department, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

func prepare(t *testing.T, tx *sql.Tx, q string) *sql.Stmt {
	st, err := tx.Prepare(q)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func run(t *testing.T, st *sql.Stmt, args ...any) {
	if _, err := st.Exec(args...); err != nil {
		t.Fatal(err)
	}
}

func begin(t *testing.T, db *sql.DB) *sql.Tx {
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

func commit(t *testing.T, tx *sql.Tx) {
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func exec(t *testing.T, tx *sql.Tx, q string, args ...any) {
	if _, err := tx.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
