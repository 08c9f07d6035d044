package app

import (
	"context"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// influenceWait bounds the wait for one author's score while routing.
const influenceWait = 2 * time.Second

// influenceTTL is how long a looked-up score is reused: scores change at
// most once a minute (influence.DefaultWarmEvery).
const influenceTTL = influence.DefaultWarmEvery

// scoreCache keeps recently looked-up scores, so a busy author costs one
// query a minute, not one per message; it is emptied when it grows large.
type scoreCache struct {
	mu      sync.Mutex
	entries map[string]cachedScore
}

type cachedScore struct {
	score float64
	at    time.Time
}

const scoreCacheMax = 100_000

func (c *scoreCache) get(key string, now time.Time) (float64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e.score, ok && now.Sub(e.at) < influenceTTL
}

func (c *scoreCache) put(key string, score float64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= scoreCacheMax {
		c.entries = map[string]cachedScore{}
	}
	c.entries[key] = cachedScore{score: score, at: now}
}

// influenceLookup gives the router an author's influence score in the
// message's community, for rules with min_influence (asked only by such
// rules), with a cache of its own.
func (a *App) influenceLookup() func(m *message.Message) float64 {
	cache := &scoreCache{entries: map[string]cachedScore{}}
	return func(m *message.Message) float64 {
		key := m.Community + "\x00" + m.Channel + "\x00" + m.Author.Handle
		now := time.Now()
		if score, ok := cache.get(key, now); ok {
			return score
		}
		ctx, cancel := context.WithTimeout(context.Background(), influenceWait)
		defer cancel()
		score, err := a.Store.InfluenceOf(ctx, m.Channel, m.Author.Handle, m.Community)
		if err != nil {
			a.Log.Warn("influence score for routing", "author", m.Author.Handle, "err", err)
			return score // not cached: asked again next time
		}
		cache.put(key, score, now)
		return score
	}
}

// runInfluence keeps the interaction graph and the influence scores current
// until ctx ends (internal/influence.Runner: new messages every 5 seconds, a
// warm update at most every minute, a full recomputation hourly).
func (a *App) runInfluence(ctx context.Context) {
	eng := &influence.Engine{Store: a.Store}
	(&influence.Runner{Engine: eng, Log: a.Log.With("component", "influence")}).Run(ctx)
}
