package app

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/switchboard-crm/switchboard/data/training"
	"github.com/switchboard-crm/switchboard/internal/analyze"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// errNothingToRollBack is returned by RollbackRouting when the shipped model is in use.
var errNothingToRollBack = fmt.Errorf("the shipped routing model is in use, nothing to roll back: %w", store.ErrNotFound)

// openEngine serves the routing model activated last in the database (the
// shipped one when none was) with the shipped sentiment models.
func (a *App) openEngine(ctx context.Context) error {
	ms, err := a.activeModels(ctx)
	if err != nil {
		return err
	}
	a.Engine, err = analyze.NewEngine(ms)
	return err
}

func (a *App) activeModels(ctx context.Context) (*analyze.Models, error) {
	def, err := analyze.DefaultModels()
	if err != nil {
		return nil, fmt.Errorf("shipped models: %w", err)
	}
	_, data, ok, err := a.Store.ActiveRoutingModel(ctx)
	if err != nil || !ok {
		return def, err
	}
	routing, err := analyze.Load(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("active routing model: %w", err)
	}
	ms := *def
	ms.Routing = routing
	return &ms, nil
}

// reloadModels serves the active models if they changed (another process
// trained, activated or rolled back).
func (a *App) reloadModels(ctx context.Context) {
	ms, err := a.activeModels(ctx)
	if err == nil && ms.Version() != a.Engine.Version() {
		err = a.Engine.Swap(ms)
	}
	if err != nil {
		a.Log.Error("reload models", "err", err)
	}
}

// followModels reloads the models when any process announces a change.
func (a *App) followModels(ctx context.Context) (*nats.Subscription, error) {
	return a.Bus.Conn().Subscribe(a.Bus.ModelSubject, func(*nats.Msg) { a.reloadModels(ctx) })
}

func (a *App) announceModels() {
	if err := a.Bus.Conn().Publish(a.Bus.ModelSubject, nil); err != nil {
		a.Log.Warn("announce model change", "err", err)
	}
}

// TrainRouting retrains the routing model on the starter data plus every
// correction agents made by re-routing, stores it, makes it active here and
// in every process, and returns it. The previous model stays for rollback.
func (a *App) TrainRouting(ctx context.Context, actor store.Actor) (store.RoutingModel, error) {
	examples, corrections, err := a.trainingExamples(ctx)
	if err != nil {
		return store.RoutingModel{}, err
	}
	ms, err := a.Engine.RetrainRouting(examples)
	if err != nil {
		return store.RoutingModel{}, err
	}
	model := ms.Routing
	var buf bytes.Buffer
	if err := model.Save(&buf); err != nil {
		return store.RoutingModel{}, fmt.Errorf("save routing model: %w", err)
	}
	rm := store.RoutingModel{Version: model.Info.Version, Examples: len(examples), Corrections: corrections, CreatedAt: time.Now().UTC()}
	if err := a.Store.SaveRoutingModel(ctx, actor, rm, buf.Bytes()); err != nil {
		return rm, err
	}
	return rm, a.ActivateRouting(ctx, actor, rm.Version)
}

// trainingExamples gathers the embedded starter data and the corrections.
func (a *App) trainingExamples(ctx context.Context) ([]analyze.Example, int, error) {
	var out []analyze.Example
	for _, name := range training.RoutingFiles {
		f, err := training.Routing.Open(name)
		if err != nil {
			return nil, 0, fmt.Errorf("starter data %s: %w", name, err)
		}
		ex, err := analyze.ReadExamples(f)
		f.Close()
		if err != nil {
			return nil, 0, fmt.Errorf("starter data %s: %w", name, err)
		}
		out = append(out, ex...)
	}
	n := 0
	for after := int64(0); ; {
		cs, err := a.Store.Corrections(ctx, after, 1000)
		if err != nil {
			return nil, 0, err
		}
		for _, c := range cs {
			out = append(out, analyze.Example{Text: c.Text, Label: c.Label, Lang: c.Lang})
			after = c.ID
		}
		n += len(cs)
		if len(cs) < 1000 {
			return out, n, nil
		}
	}
}

// ActivateRouting makes a stored routing model the one in use everywhere.
func (a *App) ActivateRouting(ctx context.Context, actor store.Actor, version string) error {
	data, err := a.Store.RoutingModelData(ctx, version)
	if err != nil {
		return err
	}
	if _, err := analyze.Load(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("routing model %s cannot be loaded: %w", version, err)
	}
	if err := a.Store.ActivateRoutingModel(ctx, actor, version); err != nil {
		return err
	}
	a.reloadModels(ctx)
	a.announceModels()
	return nil
}

// RollbackRouting puts back the routing model that was in use before the
// current one (the shipped one at the end of the line).
func (a *App) RollbackRouting(ctx context.Context, actor store.Actor) error {
	cur, _, ok, err := a.Store.ActiveRoutingModel(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return errNothingToRollBack
	}
	if err := a.Store.DeactivateRoutingModel(ctx, actor, cur); err != nil {
		return err
	}
	a.reloadModels(ctx)
	a.announceModels()
	return nil
}

// RoutingModels lists the trained models and the version in use.
func (a *App) RoutingModels(ctx context.Context) ([]store.RoutingModel, string, error) {
	list, err := a.Store.RoutingModels(ctx)
	return list, a.Engine.Version(), err
}
