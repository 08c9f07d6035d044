package incident_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

const testTTL = time.Second

// leader records which processes are leading now and who led first.
type leader struct {
	mu      sync.Mutex
	leading map[string]int // terms in progress, per process
	terms   []string       // every term begun, in order
}

func (l *leader) lead(id string) func(context.Context) {
	return func(ctx context.Context) {
		l.mu.Lock()
		l.leading[id]++
		l.terms = append(l.terms, id)
		l.mu.Unlock()
		<-ctx.Done()
		l.mu.Lock()
		l.leading[id]--
		l.mu.Unlock()
	}
}

// now returns the processes leading at this moment.
func (l *leader) now() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for id, n := range l.leading {
		if n > 0 {
			out = append(out, id)
		}
	}
	return out
}

// waitFor polls until the leaders are exactly want (one id, or none for
// ""), and returns how long it took.
func (l *leader) waitFor(t *testing.T, want string, within time.Duration) time.Duration {
	t.Helper()
	t0 := time.Now()
	for time.Since(t0) < within {
		got := l.now()
		if (want == "" && len(got) == 0) || (len(got) == 1 && got[0] == want) {
			return time.Since(t0)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("leaders %v after %s, want [%s]", l.now(), within, want)
	return 0
}

func openLeaseBus(t *testing.T) *pipeline.Bus {
	t.Helper()
	bus, err := pipeline.OpenBus(context.Background(), pipeline.BusConfig{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(bus.Close)
	return bus
}

func runLease(t *testing.T, bus *pipeline.Bus, id string, l *leader) (stop func()) {
	t.Helper()
	return runNamedLease(t, bus, id, id, l)
}

// runNamedLease runs a lease named id, recorded in l as label.
func runNamedLease(t *testing.T, bus *pipeline.Bus, id, label string, l *leader) (stop func()) {
	t.Helper()
	lease, err := incident.NewLease(context.Background(), bus, id, testTTL, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { lease.Run(ctx, l.lead(label)); close(done) }()
	return func() { cancel(); <-done }
}

// TestLeaseElectsOneDetectorAndHandsOver: of two processes one leads; when
// it stops, it releases the lease and the other leads at once.
func TestLeaseElectsOneDetectorAndHandsOver(t *testing.T) {
	bus := openLeaseBus(t)
	l := &leader{leading: map[string]int{}}
	stopA := runLease(t, bus, "a", l)
	l.waitFor(t, "a", 2*time.Second)
	stopB := runLease(t, bus, "b", l)
	defer stopB()
	time.Sleep(2 * testTTL) // b campaigns for a while: a keeps the lease
	if got := l.now(); len(got) != 1 || got[0] != "a" {
		t.Fatalf("leaders %v while a renews, want [a]", got)
	}
	stopA()
	// released: b needs only its next campaign (TTL/3), not the TTL
	if took := l.waitFor(t, "b", 2*time.Second); took > testTTL/3+300*time.Millisecond {
		t.Errorf("b took over %s after a stopped; want about TTL/3", took)
	}
}

// TestLeaseTakenOverWhenTheHolderDies: a process that died holding the
// lease (here a key written by hand, never renewed) is replaced once the
// key expires, not before.
func TestLeaseTakenOverWhenTheHolderDies(t *testing.T) {
	bus := openLeaseBus(t)
	// a first lease creates the bucket; then the "dead" process's key
	ghost, err := incident.NewLease(context.Background(), bus, "ghost", testTTL, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	died := time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	ghostLed := make(chan struct{})
	go ghost.Run(ctx, func(context.Context) { close(ghostLed); cancel(); select {} })
	<-ghostLed // ghost holds the lease and will never renew or release it
	l := &leader{leading: map[string]int{}}
	stopB := runLease(t, bus, "b", l)
	defer stopB()
	l.waitFor(t, "b", 4*testTTL)
	if since := time.Since(died); since < testTTL {
		t.Errorf("b led %s after the holder died, before the %s TTL", since, testTTL)
	}
}

// TestLeaseLostStopsLeading: when the key is overwritten (another holder
// after a partition), the leader stops at its next renewal.
func TestLeaseLostStopsLeading(t *testing.T) {
	bus := openLeaseBus(t)
	l := &leader{leading: map[string]int{}}
	stopA := runLease(t, bus, "a", l)
	defer stopA()
	l.waitFor(t, "a", 2*time.Second)
	kv, err := bus.JetStream().KeyValue(context.Background(), bus.EventsStream+"_CRISIS_LEADER")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kv.Put(context.Background(), "detector", []byte("intruder")); err != nil {
		t.Fatal(err)
	}
	l.waitFor(t, "", testTTL)
}
