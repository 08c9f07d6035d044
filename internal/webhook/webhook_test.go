package webhook_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
	"github.com/switchboard-crm/switchboard/internal/webhook"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func openBus(t *testing.T, dir string) *pipeline.Bus {
	t.Helper()
	bus, err := pipeline.OpenBus(context.Background(), pipeline.BusConfig{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return bus
}

// running is a feed and a deliverer, as the server runs them.
type running struct {
	stop func()
	done chan struct{}
	reg  *prometheus.Registry
}

// attempts reads the webhook attempts counter of outcome.
func (r *running) attempts(outcome string) float64 {
	mfs, _ := r.reg.Gather()
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			if mf.GetName() == "switchboard_webhook_attempts_total" && m.GetLabel()[0].GetValue() == outcome {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}

func start(t *testing.T, bus *pipeline.Bus, st *store.Store) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cons, err := webhook.NewConsumer(ctx, bus)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	d := &webhook.Deliverer{Store: st, Client: &http.Client{Timeout: 300 * time.Millisecond}, Log: quiet,
		Backoff: webhook.Backoff{First: 20 * time.Millisecond, Max: 200 * time.Millisecond, GiveUp: time.Hour}, Poll: 20 * time.Millisecond,
		Metrics: webhook.NewMetrics(reg)}
	r := &running{stop: cancel, done: make(chan struct{}), reg: reg}
	go func() { d.Run(ctx); close(r.done) }()
	go func() { webhook.Feed(ctx, cons, st, d.Wake, quiet) }()
	t.Cleanup(func() { r.halt() })
	return r
}

func (r *running) halt() {
	r.stop()
	<-r.done
}

// publish announces routed messages on the events stream, as the processor
// does, n per thread over threads; it returns the event ids per thread in order.
func publish(t *testing.T, bus *pipeline.Bus, from, n int, threads []int64, want map[string][]string) {
	t.Helper()
	for i := from; i < from+n; i++ {
		for _, th := range threads {
			m := message.Message{ID: int64(i), Channel: "mastodon", ExternalID: fmt.Sprintf("t%d-%d", th, i), ThreadID: th, Text: "my flight is cancelled"}
			data, _ := json.Marshal(pipeline.Event{Type: "message.routed", Message: m})
			if _, err := bus.JetStream().Publish(context.Background(), bus.RoutedSubject, data); err != nil {
				t.Fatal(err)
			}
			key := fmt.Sprintf("thread:%d", th)
			want[key] = append(want[key], "message.routed:"+m.Key())
		}
	}
}

func subscribe(t *testing.T, st *store.Store, url string) store.WebhookSubscription {
	t.Helper()
	sub, err := st.CreateWebhookSubscription(context.Background(), store.Actor{Name: "test"},
		store.WebhookSubscription{URL: url, Secret: secret, Events: []string{webhook.MessageRouted}})
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(8 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// A receiver that fails, times out, then recovers gets every event once, in
// order per conversation, signed.
func TestDeliveryThroughFailures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		bus := openBus(t, t.TempDir())
		defer bus.Close()
		rcv := newReceiver(t, func(n int) string {
			switch {
			case n <= 4:
				return "fail"
			case n <= 6:
				return "slow"
			case n%3 == 0:
				return "fail"
			}
			return "ok"
		})
		sub := subscribe(t, st, rcv.srv.URL)
		r := start(t, bus, st)
		want := map[string][]string{}
		publish(t, bus, 1, 6, []int64{11, 12, 13}, want)
		waitFor(t, "18 events", func() bool { return rcv.total() == 18 })
		r.halt()
		rcv.check(want)
		log, err := st.WebhookAttempts(context.Background(), sub.ID, 500)
		if err != nil {
			t.Fatal(err)
		}
		codes := map[int]int{}
		for _, a := range log {
			codes[a.StatusCode]++
			if a.StatusCode == 503 && (a.Body == "" || a.Error == "") {
				t.Errorf("failed attempt logged without its response: %+v", a)
			}
		}
		if codes[200] != 18 || codes[503] < 4 || codes[0] < 2 {
			t.Errorf("delivery log status codes %v: want 18×200, ≥4×503, ≥2 timeouts", codes)
		}
		delivered, retried := r.attempts("delivered"), r.attempts("retry")
		if delivered != 18 || int(retried) != len(log)-18 {
			t.Errorf("metrics: %v delivered, %v retried; the log has %d attempts, 18 delivered", delivered, retried, len(log))
		}
	})
}

// Stopping in the middle loses nothing: events stored but not delivered, and
// events announced while nothing ran, all arrive in order after a restart.
func TestRestartLosesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		dir := t.TempDir()
		bus := openBus(t, dir)
		rcv := newReceiver(t, always("fail"))
		sub := subscribe(t, st, rcv.srv.URL)
		r := start(t, bus, st)
		want := map[string][]string{}
		publish(t, bus, 1, 3, []int64{21, 22}, want)
		waitFor(t, "6 deliveries stored", func() bool {
			ds, _ := st.WebhookDeliveries(context.Background(), sub.ID, 0, 100)
			return len(ds) == 6
		})
		r.halt()
		publish(t, bus, 4, 3, []int64{21, 22}, want) // while nothing runs
		bus.Close()

		bus = openBus(t, dir)
		defer bus.Close()
		rcv.setMode(always("ok"))
		r = start(t, bus, st)
		waitFor(t, "12 events", func() bool { return rcv.total() == 12 })
		r.halt()
		rcv.check(want)
	})
}

// A delivery is retried with exponential backoff, given up after GiveUp,
// sent again by hand, and pruned from the log once old.
func TestBackoffGiveUpAndRedeliver(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		rcv := newReceiver(t, always("fail"))
		sub := subscribe(t, st, rcv.srv.URL)
		t0 := time.Now()
		clock := t0
		d := &webhook.Deliverer{Store: st, Log: quiet, Now: func() time.Time { return clock }, Backoff: webhook.DefaultBackoff()}
		ev := store.WebhookEvent{Key: "e1", Type: webhook.MessageRouted, Thread: "thread:1",
			Payload: []byte(`{"id":"e1","type":"message.routed","thread":"thread:1","message":{"id":1}}`)}
		if n, err := st.EnqueueWebhook(ctx, ev, t0); err != nil || n != 1 {
			t.Fatalf("enqueue: %d, %v", n, err)
		}
		if n, _ := st.EnqueueWebhook(ctx, ev, t0); n != 0 {
			t.Fatalf("the same event stored %d more times", n)
		}
		wantNext := []time.Duration{10 * time.Second, 20 * time.Second, 40 * time.Second}
		for i, w := range wantNext {
			if n := d.Once(ctx); n != 1 {
				t.Fatalf("attempt %d: %d attempted", i+1, n)
			}
			dl := deliveryOf(t, st, sub.ID)
			if got := dl.NextAt.Sub(clock); got < w-time.Millisecond || got > w+time.Millisecond || dl.Status != store.WebhookPending {
				t.Fatalf("after attempt %d: %s, next in %v, want %v", i+1, dl.Status, got, w)
			}
			if d.Once(ctx) != 0 {
				t.Fatal("attempted before its time")
			}
			clock = dl.NextAt
		}
		for clock.Sub(t0) < 24*time.Hour {
			if deliveryOf(t, st, sub.ID).Status != store.WebhookPending {
				t.Fatalf("given up after %v, before 24 h", clock.Sub(t0))
			}
			clock = clock.Add(time.Hour)
			d.Once(ctx)
		}
		for i := 0; i < 3 && deliveryOf(t, st, sub.ID).Status == store.WebhookPending; i++ {
			clock = clock.Add(time.Hour)
			d.Once(ctx)
		}
		dl := deliveryOf(t, st, sub.ID)
		if dl.Status != store.WebhookFailed {
			t.Fatalf("after %v: %s, want failed", clock.Sub(t0), dl.Status)
		}
		rcv.setMode(always("ok"))
		if err := st.RedeliverWebhook(ctx, store.Actor{Name: "test"}, dl.ID); err != nil {
			t.Fatal(err)
		}
		d.Once(ctx)
		if dl := deliveryOf(t, st, sub.ID); dl.Status != store.WebhookDelivered || rcv.total() != 1 {
			t.Fatalf("redelivered: %s, receiver has %d", dl.Status, rcv.total())
		}
		pending := ev
		pending.Key = "e2"
		st.EnqueueWebhook(ctx, pending, clock)
		if n, err := st.PruneWebhookDeliveries(ctx, clock.Add(-time.Minute)); err != nil || n != 0 {
			t.Fatalf("pruned %d recent deliveries (%v)", n, err)
		}
		if n, err := st.PruneWebhookDeliveries(ctx, clock.Add(time.Minute)); err != nil || n != 1 {
			t.Fatalf("pruned %d, want the delivered one (%v)", n, err)
		}
		if dl := deliveryOf(t, st, sub.ID); dl.EventKey != "e2" || dl.Status != store.WebhookPending {
			t.Fatalf("left %+v, want the pending e2", dl)
		}
		if log, _ := st.WebhookAttempts(ctx, sub.ID, 100); len(log) != 0 {
			t.Fatalf("%d attempts of pruned deliveries left", len(log))
		}
	})
}

func deliveryOf(t *testing.T, st *store.Store, subID int64) store.WebhookDelivery {
	t.Helper()
	ds, err := st.WebhookDeliveries(context.Background(), subID, 0, 10)
	if err != nil || len(ds) != 1 {
		t.Fatalf("deliveries: %v, %v", ds, err)
	}
	return ds[0]
}
