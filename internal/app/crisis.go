package app

import (
	"context"
	"os"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
)

// openCrisis builds the incident manager over the store's open incidents;
// a rule an incident installs or changes is announced to every process.
func (a *App) openCrisis(ctx context.Context, o Options) error {
	a.crisisOff = o.NoCrisisDetector || os.Getenv("SWITCHBOARD_CRISIS_DETECTOR") == "off"
	var err error
	if a.CrisisPolicy, err = crisisPolicy(); err != nil {
		return err
	}
	if a.Crisis, err = incident.NewManager(ctx, a.Store, crisis.DefaultConfig(), a.announceRules, a.Log); err != nil {
		return err
	}
	a.crisisInfluence = a.influenceLookup()
	a.Crisis.SetInfluence(a.crisisInfluence)
	a.crisisFeed, err = incident.NewConsumer(ctx, a.Bus)
	return err
}

// crisisPolicy reads the escalation policy from the file named by
// SWITCHBOARD_CRISIS_POLICY, else the default (notices in the app only).
func crisisPolicy() (incident.Policy, error) {
	if path := os.Getenv("SWITCHBOARD_CRISIS_POLICY"); path != "" {
		return incident.LoadPolicy(path)
	}
	return incident.DefaultPolicy(), nil
}

// runCrisis escalates open incidents until ctx ends and, unless
// SWITCHBOARD_CRISIS_DETECTOR=off, campaigns to be the installation's one
// detector (a lease in NATS, incident.Lease): it detects while elected, and
// another process takes over within incident.LeaseTTL if it dies.
func (a *App) runCrisis(ctx context.Context) {
	esc := &incident.Escalator{Store: a.Store, Policy: a.CrisisPolicy, Log: a.Log, BaseURL: os.Getenv("SWITCHBOARD_BASE_URL")}
	done := make(chan struct{})
	go func() { esc.Run(ctx); close(done) }()
	defer func() { <-done }()
	if a.crisisOff {
		<-ctx.Done() // another process detects; this one escalates
		return
	}
	lease := a.crisisLease(ctx)
	if lease == nil {
		return // ctx ended
	}
	lease.Run(ctx, func(ctx context.Context) {
		// each term reads the open incidents again: another process may
		// have opened or closed some while this one was not detecting
		m, err := incident.NewManager(ctx, a.Store, crisis.DefaultConfig(), a.announceRules, a.Log)
		if err != nil {
			a.Log.Error("crisis detection not started", "err", err)
			return
		}
		m.SetInfluence(a.crisisInfluence)
		a.detect(ctx, m)
	})
}

// detect warms the detector from the events stream, then feeds it from the
// durable consumer until ctx ends.
func (a *App) detect(ctx context.Context, m *incident.Manager) {
	if n, err := incident.Warm(ctx, a.Bus, a.crisisFeed, m); err != nil {
		a.Log.Warn("crisis detector starts cold", "err", err)
	} else if n > 0 {
		a.Log.Info("crisis detector warmed", "messages", n)
	}
	if err := incident.Consume(ctx, a.crisisFeed, m); err != nil {
		a.Log.Error("crisis detection stopped", "err", err)
	}
}

// announceRules tells every process that the routing rules changed.
func (a *App) announceRules() {
	if err := a.Bus.Conn().Publish(a.Bus.ConfigSubject, nil); err != nil {
		a.Log.Warn("announce incident rule", "err", err)
	}
}

// crisisLease opens the detector's lease, trying again every few seconds
// (up to a minute apart) while JetStream's key-value store is unavailable:
// detecting without it could make two detectors open the same incidents
// twice. It returns nil when ctx ends first.
func (a *App) crisisLease(ctx context.Context) *incident.Lease {
	wait := 2 * time.Second
	for {
		lease, err := incident.NewLease(ctx, a.Bus, incident.ProcessID(), incident.LeaseTTL, a.Log)
		if err == nil {
			return lease
		}
		a.Log.Warn("crisis: the detector's lease is unavailable, not detecting until it is", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Minute)
	}
}
