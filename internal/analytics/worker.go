package analytics

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// The names of the worker's marks in the rollup_state table.
const (
	markDecisions = "decisions"
	markAudit     = "audit"
	markTermDay   = "terms_latest_day" // the latest day a message was counted for
	markPruned    = "terms_pruned_before"
)

// Defaults of the worker.
const (
	DefaultEvery   = time.Second
	DefaultBatch   = 2000
	DefaultGapWait = 10 * time.Second
	// TermsKept is how many terms a closed day keeps per community, and
	// TermsMin how many times a term must have been seen that day.
	TermsKept = 300
	TermsMin  = 3
	// BacklogEvery is how often the open messages are counted again.
	BacklogEvery = time.Minute
)

// Worker keeps the rollups: it follows routing decisions and the audit log
// past their high-water marks and adds what it reads in one transaction per batch.
type Worker struct {
	Store *store.Store
	Log   *slog.Logger
	// Every is the pause when caught up (DefaultEvery when 0), Batch the rows
	// read at once (DefaultBatch), and GapWait how long a hole in the ids is
	// waited for before it is taken as a rolled-back write (DefaultGapWait;
	// negative: not waited for). On PostgreSQL a transaction may commit after
	// a later one: the hole closes when it does.
	Every   time.Duration
	Batch   int
	GapWait time.Duration

	gaps      map[string]time.Time
	depts     map[string]slaDept
	deptsAt   time.Time
	backlogAt time.Time
}

type slaDept struct {
	clock  route.Clock
	first  time.Duration
	settle time.Duration
}

// Run keeps the rollups until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	log := w.log()
	for {
		n, err := w.Step(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("analytics rollup", "err", err)
		}
		if err == nil {
			if err := w.sampleBacklog(ctx, time.Now()); err != nil && ctx.Err() == nil {
				log.Error("analytics backlog sample", "err", err)
			}
		}
		if n >= w.batch() && err == nil {
			continue // behind: read on at once; else let the rows gather for a pause
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(w.every()):
		}
	}
}

// CatchUp runs steps until nothing is left to add, then counts the open
// messages; for tests, tools and benchmarks.
func (w *Worker) CatchUp(ctx context.Context) error {
	for {
		n, err := w.Step(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return w.Store.SnapshotBacklog(ctx, time.Now())
		}
	}
}

// Step adds one batch of each log to the rollups and reports how many rows it read.
func (w *Worker) Step(ctx context.Context) (int, error) {
	b := store.RollupBatch{Volume: map[store.VolumeKey]store.VolumeDelta{}, Terms: map[store.TermKey]int64{},
		Marks: map[string]int64{}, Was: map[string]int64{}}
	nd, latest, err := w.readDecisions(ctx, &b)
	if err != nil {
		return 0, err
	}
	na, err := w.readAudit(ctx, &b)
	if err != nil {
		return 0, err
	}
	if nd+na > 0 {
		err := w.Store.ApplyRollup(ctx, b)
		if errors.Is(err, store.ErrConflict) { // another worker took this batch: read again
			return 1, nil
		}
		if err != nil {
			return 0, err
		}
	}
	return nd + na, w.closeDays(ctx, latest)
}

func (w *Worker) every() time.Duration {
	if w.Every > 0 {
		return w.Every
	}
	return DefaultEvery
}

func (w *Worker) batch() int {
	if w.Batch > 0 {
		return w.Batch
	}
	return DefaultBatch
}

func (w *Worker) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.Default()
}

// settled returns how many of the rows, whose ids are given in order, can be
// taken now past the mark: all of them up to the first hole in the ids, and
// past a hole once it has been open for GapWait.
func (w *Worker) settled(source string, mark int64, ids []int64) int {
	if w.gaps == nil {
		w.gaps = map[string]time.Time{}
	}
	wait := w.GapWait
	if wait == 0 {
		wait = DefaultGapWait
	}
	prev := mark
	for i, id := range ids {
		if id != prev+1 && wait > 0 {
			since, ok := w.gaps[source]
			if !ok {
				w.gaps[source] = time.Now()
				return i
			}
			if time.Since(since) < wait {
				return i
			}
		}
		delete(w.gaps, source)
		prev = id
	}
	return len(ids)
}
