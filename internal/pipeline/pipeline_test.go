package pipeline

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/analyze/rules"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

type env struct {
	dir   string
	bus   *Bus
	store *store.Store
	proc  *Processor
	stop  func()
}

func open(t *testing.T, dir string, cfg BusConfig) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	cfg.DataDir = dir
	bus, err := OpenBus(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	rt, _ := route.NewRouter(route.Default())
	e := &env{dir: dir, bus: bus, store: st}
	e.proc = NewProcessor(bus, st, rules.Analyzer{}, rt, nil, ProcessorConfig{Batch: 50, AckWait: time.Second, MaxAttempts: 3}, quiet)
	e.stop = func() {}
	t.Cleanup(func() { e.stop(); bus.Close(); st.Close() })
	return e
}

func (e *env) start() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); e.proc.Run(ctx) }()
	e.stop = func() { cancel(); wg.Wait() }
}

func testMessage(i int) *message.Message {
	return &message.Message{
		Channel: "mastodon", ExternalID: strconv.Itoa(i), CreatedAt: time.Unix(1_790_000_000+int64(i), 0).UTC(),
		Text:   fmt.Sprintf("Mon colis numéro %d est perdu, remboursement svp", i),
		Author: message.Author{Handle: fmt.Sprintf("@user%d@example.social", i%97), Followers: int64(i)},
	}
}

func batch(from, n int) []*message.Message {
	out := make([]*message.Message, n)
	for i := range out {
		out[i] = testMessage(from + i)
	}
	return out
}

func waitCount(t *testing.T, s *store.Store, want int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		n, err := s.CountMessages(context.Background())
		if err == nil && n == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("stored %d messages, want %d", n, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestDuplicateDeliveryIsStoredOnce(t *testing.T) {
	e := open(t, t.TempDir(), BusConfig{})
	e.start()
	ctx := context.Background()
	first := e.bus.Publish(ctx, batch(0, 20))
	again := e.bus.Publish(ctx, batch(0, 20)) // same ids: JetStream drops them
	for i := range first {
		if first[i].Err != nil || first[i].Duplicate || again[i].Err != nil || !again[i].Duplicate {
			t.Fatalf("message %d: first %+v again %+v", i, first[i], again[i])
		}
	}
	waitCount(t, e.store, 20)
	// Past JetStream's window (a fresh id), the store's unique key drops it.
	if r := e.bus.Republish(ctx, testMessage(3), "x"); r.Err != nil || r.Duplicate {
		t.Fatalf("republish: %+v", r)
	}
	e.bus.Publish(ctx, batch(20, 1))
	waitCount(t, e.store, 21)
	m, err := e.store.MessageByKey(ctx, "mastodon", "3")
	if err != nil || m.Department != "relation-client" || m.Reason == "" || m.ModelVersion != rules.Version {
		t.Fatalf("routed message = %+v, %v", m, err)
	}
}

func TestDeadLetters(t *testing.T) {
	e := open(t, t.TempDir(), BusConfig{})
	e.proc.SetAnalyzer(panicky{})
	e.start()
	ctx := context.Background()
	if _, err := e.bus.js.Publish(ctx, e.bus.IngestSubject, []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	e.bus.Publish(ctx, []*message.Message{{Channel: "x", ExternalID: "boom", Text: "PANIC", CreatedAt: time.Now(), Author: message.Author{Handle: "h"}}})
	e.bus.Publish(ctx, batch(0, 5))
	waitCount(t, e.store, 5)
	deadline := time.Now().Add(10 * time.Second)
	for {
		dl, _ := e.store.DeadLetters(ctx, 0, 10)
		if len(dl) == 2 {
			reasons := dl[0].Reason + " | " + dl[1].Reason
			if !strings.Contains(reasons, "analysis failed") || !strings.Contains(reasons, "undecodable") || dl[0].Payload == "" {
				t.Fatalf("dead letters = %+v", dl)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("dead letters = %+v, want 2", dl)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type panicky struct{}

func (panicky) Analyze(m *message.Message) message.Analysis {
	if m.Text == "PANIC" {
		panic("analyzer bug")
	}
	return rules.Analyzer{}.Analyze(m)
}

func TestDatabaseDownLosesNothing(t *testing.T) {
	dir := t.TempDir()
	e := open(t, dir, BusConfig{})
	e.store.Close() // every save and every dead letter fails
	e.start()
	ctx := context.Background()
	e.bus.Publish(ctx, batch(0, 10))
	time.Sleep(2 * time.Second) // several delivery attempts, all failing
	e.stop()
	if n, err := e.bus.Backlog(ctx); err != nil || n != 10 {
		t.Fatalf("backlog = %d, %v; want the 10 messages kept", n, err)
	}
	st, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rt, _ := route.NewRouter(route.Default())
	e.proc = NewProcessor(e.bus, st, rules.Analyzer{}, rt, nil, ProcessorConfig{Batch: 50, AckWait: time.Second}, quiet)
	e.start()
	waitCount(t, st, 10)
}

func TestBackpressure(t *testing.T) {
	e := open(t, t.TempDir(), BusConfig{MaxBacklog: 10})
	res := e.bus.Publish(context.Background(), batch(0, 15)) // no processor running
	busy := 0
	for _, r := range res {
		if r.Err != nil {
			if !errors.Is(r.Err, ErrBusy) {
				t.Fatalf("error %v, want ErrBusy", r.Err)
			}
			busy++
		}
	}
	if busy != 5 {
		t.Fatalf("%d refused, want 5", busy)
	}
	e.start()
	waitCount(t, e.store, 10)
}

// TestKilledMidStream kills a real process while it stores messages, then
// restarts processing on the same data directory: every message is stored
// exactly once and announced exactly once.
func TestKilledMidStream(t *testing.T) {
	if os.Getenv("SB_CRASH_CHILD") != "" {
		return // the child runs in TestMain
	}
	const n = 3000
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SB_CRASH_CHILD="+dir, "SB_CRASH_N="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killWhenStored(t, dir, n/4, cmd)
	e := open(t, dir, BusConfig{})
	before, _ := e.store.CountMessages(context.Background())
	if before == 0 || before >= n {
		t.Fatalf("killed after %d messages stored; the test wants a kill mid-stream", before)
	}
	e.start()
	waitCount(t, e.store, n)
	e.stop()
	assertEventsOnce(t, e, n)
}

func killWhenStored(t *testing.T, dir string, at int64, cmd *exec.Cmd) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if n := countFile(dir); n >= at {
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatal("the child stored nothing in 60s")
}

func countFile(dir string) int64 {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "switchboard.db")+"?mode=ro&_pragma=busy_timeout(1000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int64
	db.QueryRow(`SELECT COUNT(*) FROM messages`).Scan(&n)
	return n
}

func assertEventsOnce(t *testing.T, e *env, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cons, err := e.bus.js.OrderedConsumer(ctx, e.bus.EventsStream, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for i := 0; i < n; i++ {
		msg, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second))
		if err != nil {
			t.Fatalf("read event %d of %d: %v", i, n, err)
		}
		var ev Event
		if err := json.Unmarshal(msg.Data(), &ev); err != nil {
			t.Fatal(err)
		}
		seen[ev.Message.Key()]++
	}
	if _, err := cons.Next(jetstream.FetchMaxWait(300 * time.Millisecond)); err == nil {
		t.Fatalf("more than %d events", n)
	}
	for k, c := range seen {
		if c != 1 {
			t.Fatalf("event for %s announced %d times", k, c)
		}
	}
	if len(seen) != n {
		t.Fatalf("%d distinct events, want %d", len(seen), n)
	}
}

// TestMain runs the child process of TestKilledMidStream: it publishes every
// message, then stores them slowly until it is killed.
func TestMain(m *testing.M) {
	dir := os.Getenv("SB_CRASH_CHILD")
	if dir == "" {
		os.Exit(m.Run())
	}
	n, _ := strconv.Atoi(os.Getenv("SB_CRASH_N"))
	ctx := context.Background()
	st, err := store.Open(ctx, "", dir)
	if err == nil {
		_, err = st.Migrate(ctx)
	}
	bus, err2 := OpenBus(ctx, BusConfig{DataDir: dir})
	if err != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, "child:", err, err2)
		os.Exit(2)
	}
	for _, r := range bus.Publish(ctx, batch(0, n)) {
		if r.Err != nil {
			fmt.Fprintln(os.Stderr, "child publish:", r.Err)
			os.Exit(2)
		}
	}
	rt, _ := route.NewRouter(route.Default())
	NewProcessor(bus, st, slow{}, rt, nil, ProcessorConfig{Batch: 20, AckWait: time.Second}, quiet).Run(ctx)
}

// slow is an analyzer slow enough for the parent to kill the child mid-stream.
type slow struct{}

func (slow) Analyze(m *message.Message) message.Analysis {
	time.Sleep(200 * time.Microsecond)
	return rules.Analyzer{}.Analyze(m)
}
