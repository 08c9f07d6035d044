package app

import (
	"context"

	"github.com/switchboard-crm/switchboard/internal/report"
)

// startReports runs the weekly reports' scheduler until ctx ends; the
// function it returns waits for it. Without a mail server (see
// report.SMTPFromEnv) due reports are recorded as failed with the reason.
func (a *App) startReports(ctx context.Context) (wait func()) {
	log := a.Log.With("component", "reports")
	svc, err := report.FromEnv(a.Store, log)
	if err != nil {
		log.Error("weekly reports are off", "err", err)
		return func() {}
	}
	done := make(chan struct{})
	go func() { svc.Run(ctx); close(done) }()
	return func() { <-done }
}
