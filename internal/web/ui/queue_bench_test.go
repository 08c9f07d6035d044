package ui_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestQueuePageOnAMillionMessages measures the queue pages over a store
// holding 1,000,000 messages (SQLite). It runs only when
// SWITCHBOARD_BENCH_QUEUE=1 (filling the store takes a while):
//
//	SWITCHBOARD_BENCH_QUEUE=1 go test -run QueuePageOnAMillion -v ./internal/web/ui/
func TestQueuePageOnAMillionMessages(t *testing.T) {
	if os.Getenv("SWITCHBOARD_BENCH_QUEUE") != "1" {
		t.Skip("set SWITCHBOARD_BENCH_QUEUE=1 to fill a store with 1,000,000 messages and measure the queue pages")
	}
	n, _ := strconv.Atoi(os.Getenv("SWITCHBOARD_BENCH_MESSAGES"))
	if n == 0 {
		n = 1_000_000
	}
	h := newHarness(t)
	agent := h.user("ana@example.com", "agent", "relation-client")
	h.user("root@example.com", "admin")
	start := time.Now()
	fill(t, h, n, agent.ID)
	t.Logf("filled %d messages in %v", n, time.Since(start).Round(time.Second))
	a, root := h.browser(), h.browser()
	a.signIn("ana@example.com")
	root.signIn("root@example.com")
	for _, c := range []struct {
		who  *browser
		path string
	}{
		{a, "/queue/relation-client"}, {a, "/queue/relation-client?status=new"}, {a, "/mine"},
		{a, "/queue/relation-client?class=complaint&sentiment=negative&lang=en"},
		{a, "/queue/relation-client?sentiment=negative&lang=fr"}, {root, "/"}, {root, "/queue/juridique"},
	} {
		p50, p95 := measure(t, c.who, c.path, 100)
		t.Logf("GET %-62s p50 %6.1f ms  p95 %6.1f ms", c.path, ms(p50), ms(p95))
	}
	// The counts beside the queue names, computed at most every 3 s per person.
	for _, scope := range [][]string{{"relation-client"}, nil} {
		var took []time.Duration
		for range 20 {
			s := time.Now()
			if _, err := h.app.Store.QueueCounts(context.Background(), scope); err != nil {
				t.Fatal(err)
			}
			took = append(took, time.Since(s))
		}
		slices.Sort(took)
		t.Logf("queue counts for %v (no cache): p50 %6.1f ms  p95 %6.1f ms", scope, ms(took[10]), ms(took[19]))
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func measure(t *testing.T, b *browser, path string, n int) (time.Duration, time.Duration) {
	t.Helper()
	var took []time.Duration
	for i := 0; i < n+5; i++ {
		s := time.Now()
		code, _ := b.get(path)
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, code)
		}
		if i >= 5 { // warm-up
			took = append(took, time.Since(s))
		}
	}
	slices.Sort(took)
	return took[len(took)/2], took[len(took)*95/100]
}

// fill writes n messages straight into the database: 10,000 authors, threads
// of ten, seven departments, 70 % resolved, one in fifty assigned to the agent.
func fill(t *testing.T, h *harness, n int, agentID int64) {
	ctx := context.Background()
	db := h.app.Store.DB()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	deps := []string{"relation-client", "support-produit", "juridique", "rh-communication", "direction-generale", "marketing-communaute", "triage"}
	classes := []string{"complaint", "technical", "legal", "values", "crisis", "praise", "noise"}
	sentiments := []string{"negative", "neutral", "positive"}
	statuses := []string{"resolved", "resolved", "resolved", "resolved", "resolved", "resolved", "resolved", "new", "open", "waiting"}
	now := time.Now().UnixMicro()
	for i := 0; i < 10_000; i++ {
		mustExec(t, tx, `INSERT INTO authors (id, channel, handle, name, followers, first_seen_at, last_seen_at) VALUES (?, 'mastodon', ?, ?, ?, ?, ?)`,
			i+1, fmt.Sprintf("@user%d@example.org", i), fmt.Sprintf("User %d", i), i*7, now, now)
	}
	thread, err := tx.PrepareContext(ctx, `INSERT INTO threads (id, channel, root_external_id, created_at, last_message_at) VALUES (?, 'mastodon', ?, ?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := tx.PrepareContext(ctx, `INSERT INTO messages (id, channel, external_id, thread_id, author_id, text, lang, created_at, received_at, routed_at,
		sentiment, class, confidence, department, status, assignee_id) VALUES (?, 'mastodon', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.8, ?, ?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		at := now - int64(n-i)*1_000_000 // one a second, the newest now
		if i%10 == 0 {
			if _, err := thread.Exec(i/10+1, fmt.Sprint("root-", i), at, at); err != nil {
				t.Fatal(err)
			}
		}
		var assignee any
		if i%50 == 0 {
			assignee = agentID
		}
		lang := "fr"
		if i%3 == 0 {
			lang = "en"
		}
		_, err := msg.Exec(i+1, fmt.Sprint("bench-", i), i/10+1, i%10_000+1, fmt.Sprintf("Message %d about an order, a parcel or an invoice", i), lang,
			at, at, at, sentiments[i%3], classes[i%7], deps[i%7], statuses[i%10], assignee)
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
}

func mustExec(t *testing.T, tx *sql.Tx, q string, args ...any) {
	t.Helper()
	if _, err := tx.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}
