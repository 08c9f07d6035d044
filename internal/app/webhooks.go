package app

import (
	"context"

	"github.com/switchboard-crm/switchboard/internal/webhook"
)

// openWebhooks creates the durable consumer that stores webhook deliveries;
// created before the processor runs, it misses no routed message.
func (a *App) openWebhooks(ctx context.Context) error {
	var err error
	a.webhookFeed, err = webhook.NewConsumer(ctx, a.Bus)
	a.Webhooks = &webhook.Deliverer{Store: a.Store, Log: a.Log, Metrics: webhook.NewMetrics(a.Registry)}
	return err
}

// runWebhooks stores the deliveries of routed messages and sends them until
// ctx ends; every process may run it (deliveries are claimed one at a time).
func (a *App) runWebhooks(ctx context.Context) {
	done := make(chan struct{})
	go func() { a.Webhooks.Run(ctx); close(done) }()
	defer func() { <-done }()
	if err := webhook.Feed(ctx, a.webhookFeed, a.Store, a.Webhooks.Wake, a.Log); err != nil {
		a.Log.Error("webhook feed stopped", "err", err)
	}
}
