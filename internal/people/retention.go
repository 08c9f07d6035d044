package people

import (
	"context"
	"log/slog"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// DefaultPurgeEvery is how often the retention purge runs by default.
const DefaultPurgeEvery = time.Hour

// Purger deletes what is older than each community's retention period.
type Purger interface {
	PurgeExpired(ctx context.Context, now time.Time) ([]store.Purged, error)
}

// Retention runs the retention purge on a schedule: once at start, then
// every Every (DefaultPurgeEvery when zero).
type Retention struct {
	Store Purger
	Log   *slog.Logger
	Every time.Duration
	Now   func() time.Time // time.Now when nil
}

// Run purges until ctx ends. A failed purge is logged and tried again at the
// next tick; it never stops the server.
func (r *Retention) Run(ctx context.Context) {
	runEvery(ctx, r.Every, r.PurgeOnce)
}

// PurgeOnce runs one purge and logs what it deleted.
func (r *Retention) PurgeOnce(ctx context.Context) {
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	purged, err := r.Store.PurgeExpired(ctx, now())
	for _, p := range purged {
		if p.Messages > 0 {
			r.logger().Info("retention purge", "community", p.Community, "messages", p.Messages, "before", p.Before)
		}
	}
	if err != nil && ctx.Err() == nil {
		r.logger().Error("retention purge", "err", err)
	}
}

func (r *Retention) logger() *slog.Logger {
	if r.Log == nil {
		return slog.Default()
	}
	return r.Log
}
