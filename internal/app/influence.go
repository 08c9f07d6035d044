package app

import (
	"context"
	"time"

	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// influenceLookup bounds the wait for one author's score while routing.
const influenceLookup = 2 * time.Second

// influenceOf gives the router an author's influence score in the message's
// community, for rules with min_influence; asked only by such rules.
func (a *App) influenceOf(m *message.Message) float64 {
	ctx, cancel := context.WithTimeout(context.Background(), influenceLookup)
	defer cancel()
	score, err := a.Store.InfluenceOf(ctx, m.Channel, m.Author.Handle, m.Community)
	if err != nil {
		a.Log.Warn("influence score for routing", "author", m.Author.Handle, "err", err)
	}
	return score
}

// runInfluence keeps the interaction graph and the influence scores current
// until ctx ends (internal/influence.Runner: new messages every 5 seconds, a
// warm update at most every minute, a full recomputation hourly).
func (a *App) runInfluence(ctx context.Context) {
	eng := &influence.Engine{Store: a.Store}
	(&influence.Runner{Engine: eng, Log: a.Log.With("component", "influence")}).Run(ctx)
}
