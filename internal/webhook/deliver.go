package webhook

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// Deliverer sends the stored deliveries: the oldest pending one of each
// subscription and thread, so a conversation's events arrive in order.
type Deliverer struct {
	Store   *store.Store
	Client  *http.Client     // default: 10 s timeout
	Backoff Backoff          // default: DefaultBackoff
	Now     func() time.Time // default: time.Now; tests move it
	Poll    time.Duration    // how often to look for due deliveries; default 1 s
	Workers int              // calls in flight at once; default 8
	Keep    time.Duration    // how long finished deliveries stay in the log; default 30 days
	Log     *slog.Logger
	Metrics *Metrics // nil: none
	wake    chan struct{}
	once    sync.Once
}

func (d *Deliverer) init() {
	d.once.Do(func() {
		d.wake = make(chan struct{}, 1)
		if d.Client == nil {
			d.Client = &http.Client{Timeout: 10 * time.Second}
		}
		if d.Backoff == (Backoff{}) {
			d.Backoff = DefaultBackoff()
		}
		if d.Now == nil {
			d.Now = time.Now
		}
		if d.Poll <= 0 {
			d.Poll = time.Second
		}
		if d.Workers <= 0 {
			d.Workers = 8
		}
		if d.Keep <= 0 {
			d.Keep = 30 * 24 * time.Hour
		}
		if d.Log == nil {
			d.Log = slog.Default()
		}
	})
}

// Wake makes Run look for due deliveries now rather than at its next poll.
func (d *Deliverer) Wake() {
	d.init()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run sends due deliveries until ctx ends, and prunes the finished ones
// older than Keep every hour.
func (d *Deliverer) Run(ctx context.Context) {
	d.init()
	t := time.NewTicker(d.Poll)
	defer t.Stop()
	var pruned time.Time
	for {
		for ctx.Err() == nil && d.Once(ctx) > 0 {
			// a full batch: look again at once
		}
		if now := d.Now(); now.Sub(pruned) >= time.Hour {
			pruned = now
			d.prune(ctx, now)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.wake:
		}
	}
}

// prune removes the deliveries finished more than Keep ago.
func (d *Deliverer) prune(ctx context.Context, now time.Time) {
	if n, err := d.Store.PruneWebhookDeliveries(ctx, now.Add(-d.Keep)); err != nil {
		d.Log.Warn("prune webhook deliveries", "err", err)
	} else if n > 0 {
		d.Log.Info("webhook deliveries pruned", "deliveries", n)
	}
}

// Once attempts the deliveries due now and returns how many it attempted.
func (d *Deliverer) Once(ctx context.Context) int {
	d.init()
	due, err := d.Store.DueWebhookDeliveries(ctx, d.Now(), 4*d.Workers)
	if err != nil {
		d.Log.Warn("webhook deliveries", "err", err)
		return 0
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, d.Workers)
	for _, dl := range due {
		sem <- struct{}{}
		wg.Go(func() { defer func() { <-sem }(); d.attempt(ctx, dl) })
	}
	wg.Wait()
	return len(due)
}

// attempt claims a delivery, calls the receiver and records the outcome.
func (d *Deliverer) attempt(ctx context.Context, dl store.WebhookDelivery) {
	now := d.Now()
	if ok, err := d.Store.ClaimWebhookDelivery(ctx, dl, now.Add(d.claimFor())); !ok || err != nil {
		return // another process has it, or the database will tell again
	}
	at := post(ctx, d.Client, dl, now)
	if ctx.Err() != nil {
		return // stopping: the claim runs out and the delivery is attempted again
	}
	o := d.outcome(dl, at)
	d.Metrics.observe(outcomeName(o.Status), at.Duration.Seconds())
	if err := d.Store.RecordWebhookAttempt(context.WithoutCancel(ctx), at, o); err != nil {
		d.Log.Warn("webhook attempt not recorded", "delivery", dl.ID, "err", err)
	}
}

// outcome is the delivery's next state after attempt at.
func (d *Deliverer) outcome(dl store.WebhookDelivery, at store.WebhookAttempt) store.WebhookOutcome {
	if at.Error == "" {
		return store.WebhookOutcome{Status: store.WebhookDelivered}
	}
	next := at.CreatedAt.Add(d.Backoff.Delay(dl.Attempts + 1))
	if next.Sub(dl.CreatedAt) > d.Backoff.GiveUp {
		d.Log.Warn("webhook delivery failed for good", "delivery", dl.ID, "url", dl.URL, "err", at.Error)
		return store.WebhookOutcome{Status: store.WebhookFailed}
	}
	return store.WebhookOutcome{Status: store.WebhookPending, NextAt: next}
}

// claimFor is how long a claimed delivery is left to its process: longer
// than a call can take. A process that stops mid-call leaves the delivery
// to be attempted again after it.
func (d *Deliverer) claimFor() time.Duration {
	if d.Client.Timeout > 0 {
		return 2 * d.Client.Timeout
	}
	return 5 * time.Minute
}

func outcomeName(status string) string {
	if status == store.WebhookPending {
		return "retry"
	}
	return status
}
