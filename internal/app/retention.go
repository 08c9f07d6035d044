package app

import (
	"context"

	"github.com/switchboard-crm/switchboard/internal/people"
)

// runRetention runs, hourly until ctx ends, the retention purge of each
// community and the automatic merge of people sharing an email address.
func (a *App) runRetention(ctx context.Context) {
	log := a.Log.With("component", "people")
	done := make(chan struct{})
	go func() { (&people.AutoMerge{Store: a.Store, Log: log}).Run(ctx); close(done) }()
	(&people.Retention{Store: a.Store, Log: log}).Run(ctx)
	<-done
}
