package influence

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// Engine recomputes influence from the store and keeps the last ranks to
// warm-start the next run. It is safe for concurrent use (runs take turns).
type Engine struct {
	Store  *store.Store
	Params Params

	mu   sync.Mutex
	prev map[int64]map[int64]float32
	last Stats
}

// Recompute forgets the edges of authors that no longer exist (erased or
// purged), reads the graph, scores every person of every community and
// stores the scores. warm starts PageRank from the previous run's ranks
// (when there is one), which is what an update after new interactions does;
// a cold run starts from uniform ranks.
func (e *Engine) Recompute(ctx context.Context, warm bool) (Stats, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, err := e.Store.PruneInfluence(ctx); err != nil {
		return Stats{}, err
	}
	in, err := Load(ctx, e.Store)
	if err != nil {
		return Stats{}, err
	}
	prev := e.prev
	if !warm {
		prev = nil
	}
	scores, ranks, st := Compute(in, e.Params, prev)
	if err := e.Store.SaveInfluence(ctx, scores, time.Now()); err != nil {
		return st, err
	}
	e.prev, e.last = ranks, st
	return st, nil
}

// Last returns the stats of the last run.
func (e *Engine) Last() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.last
}

// Load reads what Compute needs from the store.
func Load(ctx context.Context, st *store.Store) (Input, error) {
	var in Input
	var err error
	if in.Authors, err = st.InfluenceAuthors(ctx); err != nil {
		return in, fmt.Errorf("load influence: %w", err)
	}
	if in.Postings, err = st.Postings(ctx); err != nil {
		return in, fmt.Errorf("load influence: %w", err)
	}
	if in.Edges, err = st.Interactions(ctx); err != nil {
		return in, fmt.Errorf("load influence: %w", err)
	}
	return in, nil
}
