// Package dispatch hands out conversations and watches their SLAs: within a
// department, unassigned conversations go to the available agent with the
// fewest open ones under their capacity, speaking the message's language;
// when a first-response or resolution target is about to be missed the
// department's leads are notified (a note mentioning them), and when it is
// missed the conversation is escalated (urgent).
package dispatch

import (
	"context"
	"log/slog"
	"time"

	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Dispatcher runs assignment and the SLA watch every Every.
type Dispatcher struct {
	Store  *store.Store
	Router *route.Router
	Log    *slog.Logger
	Every  time.Duration    // assignment; 0: 15 s
	Watch  time.Duration    // the SLA watch, which reads every open message; 0: 1 min
	Now    func() time.Time // nil: time.Now

	watched time.Time
}

// Run works until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) error {
	every := d.Every
	if every == 0 {
		every = 15 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := d.Tick(ctx); err != nil && ctx.Err() == nil {
			d.Log.Warn("dispatch", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Tick assigns what can be and, every Watch, raises the SLA alerts due, once.
func (d *Dispatcher) Tick(ctx context.Context) error {
	if err := d.Assign(ctx); err != nil {
		return err
	}
	watch := d.Watch
	if watch == 0 {
		watch = time.Minute
	}
	if now := d.now(); now.Sub(d.watched) >= watch {
		d.watched = now
		return d.WatchSLA(ctx)
	}
	return nil
}

func (d *Dispatcher) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}
