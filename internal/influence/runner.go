package influence

import (
	"context"
	"log/slog"
	"time"
)

// Defaults of the schedule.
const (
	DefaultSyncEvery = 5 * time.Second // new messages into the graph
	DefaultWarmEvery = time.Minute     // at most one warm update this often
	DefaultFullEvery = time.Hour       // a cold recomputation
)

// Runner keeps the graph and the scores current in the serve process: it
// reads new messages into the graph every SyncEvery, updates the scores
// (warm) at most every WarmEvery when messages came, and
// recomputes from scratch every FullEvery and once at start.
type Runner struct {
	Engine    *Engine
	Log       *slog.Logger
	SyncEvery time.Duration
	WarmEvery time.Duration
	FullEvery time.Duration
}

// Run keeps scores current until ctx ends; failures are logged and retried
// at the next tick, never stopping the server.
func (r *Runner) Run(ctx context.Context) {
	log := r.Log
	if log == nil {
		log = slog.Default()
	}
	syncT := time.NewTicker(or(r.SyncEvery, DefaultSyncEvery))
	defer syncT.Stop()
	fullT := time.NewTicker(or(r.FullEvery, DefaultFullEvery))
	defer fullT.Stop()
	pending, lastWarm := false, time.Time{}
	r.once(ctx, log, false)
	for {
		select {
		case <-ctx.Done():
			return
		case <-fullT.C:
			r.once(ctx, log, false)
			pending = false
		case now := <-syncT.C:
			pending = r.sync(ctx, log) || pending
			if pending && now.Sub(lastWarm) >= or(r.WarmEvery, DefaultWarmEvery) {
				r.update(ctx, log)
				pending, lastWarm = false, now
			}
		}
	}
}

// sync reads new messages into the graph and reports whether any came
// (new writers matter even without interactions: they join the rankings).
func (r *Runner) sync(ctx context.Context, log *slog.Logger) bool {
	before, err := r.Engine.Store.InteractionCursor(ctx)
	if err == nil {
		_, err = Sync(ctx, r.Engine.Store)
	}
	after, cerr := r.Engine.Store.InteractionCursor(ctx)
	if err == nil {
		err = cerr
	}
	if err != nil && ctx.Err() == nil {
		log.Error("influence: read new interactions", "err", err)
	}
	return after != before
}

// once syncs and recomputes (cold or warm), logging the outcome.
func (r *Runner) once(ctx context.Context, log *slog.Logger, warm bool) {
	if _, err := Sync(ctx, r.Engine.Store); err != nil && ctx.Err() == nil {
		log.Error("influence: read new interactions", "err", err)
	}
	if !warm {
		if _, err := Retry(ctx, r.Engine.Store); err != nil && ctx.Err() == nil {
			log.Error("influence: read messages with unknown handles again", "err", err)
		}
	}
	st, err := r.Engine.Recompute(ctx, warm)
	if err != nil {
		if ctx.Err() == nil {
			log.Error("influence: recompute", "err", err)
		}
		return
	}
	log.Info("influence recomputed", "warm", st.Warm, "communities", st.Communities, "nodes", st.Nodes,
		"edges", st.Edges, "new_edges", st.NewEdges, "iterations", st.Iterations, "written", st.Written,
		"read", st.Read, "rank", st.Rank, "write", st.Write, "took", st.Took)
}

func (r *Runner) update(ctx context.Context, log *slog.Logger) { r.once(ctx, log, true) }

func or(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
