package people

import (
	"context"
	"log/slog"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// EmailMerger groups the identities that share an email address.
type EmailMerger interface {
	MergeSameEmail(ctx context.Context, a store.Actor) (int, error)
}

// AutoMerge merges people on strong evidence (the same email address), once
// at start and then every Every (DefaultPurgeEvery when zero).
type AutoMerge struct {
	Store EmailMerger
	Log   *slog.Logger
	Every time.Duration
}

// Run merges until ctx ends; a failure is logged and tried again later.
func (m *AutoMerge) Run(ctx context.Context) {
	runEvery(ctx, m.Every, m.MergeOnce)
}

// MergeOnce runs one automatic merge and logs what it did.
func (m *AutoMerge) MergeOnce(ctx context.Context) {
	log := m.Log
	if log == nil {
		log = slog.Default()
	}
	n, err := m.Store.MergeSameEmail(ctx, store.Actor{Name: "system:people"})
	if err != nil && ctx.Err() == nil {
		log.Error("merge people sharing an email address", "err", err)
	}
	if n > 0 {
		log.Info("merged people sharing an email address", "addresses", n)
	}
}
