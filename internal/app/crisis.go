package app

import (
	"context"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
)

// openCrisis builds the incident manager over the store's open incidents;
// a rule an incident installs or changes is announced to every process.
func (a *App) openCrisis(ctx context.Context) error {
	announce := func() {
		if err := a.Bus.Conn().Publish(a.Bus.ConfigSubject, nil); err != nil {
			a.Log.Warn("announce incident rule", "err", err)
		}
	}
	var err error
	a.Crisis, err = incident.NewManager(ctx, a.Store, crisis.DefaultConfig(), announce, a.Log)
	return err
}

// runCrisis feeds the detector from the routed stream until ctx ends.
func (a *App) runCrisis(ctx context.Context) {
	if err := incident.Consume(ctx, a.Bus, a.Crisis); err != nil {
		a.Log.Error("crisis detection stopped", "err", err)
	}
}
