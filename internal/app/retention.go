package app

import (
	"context"

	"github.com/switchboard-crm/switchboard/internal/people"
)

// runRetention purges, hourly, what is older than each community's retention
// period, until ctx ends.
func (a *App) runRetention(ctx context.Context) {
	r := &people.Retention{Store: a.Store, Log: a.Log.With("component", "retention")}
	r.Run(ctx)
}
