package ui

import (
	"net/http"
	"sync"
	"time"
)

// countsTTL is how long a person's queue counts are reused. Counting the
// open messages of a department reads every one of them; on a large store
// that is most of a page's time, and the page's script bumps the counts live
// between two counts anyway.
const countsTTL = 3 * time.Second

// counts are the numbers beside the queue names.
type counts struct {
	at       time.Time
	queues   map[string]int
	mine     int
	mentions int
	pending  int
}

// countCache keeps each person's counts for countsTTL; a person's own change
// forgets theirs.
type countCache struct {
	mu sync.Mutex
	by map[int64]counts
}

func newCountCache() *countCache { return &countCache{by: map[int64]counts{}} }

func (c *countCache) get(user int64, now time.Time) (counts, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.by[user]
	if !ok || now.Sub(v.at) > countsTTL {
		return counts{}, false
	}
	return v, true
}

func (c *countCache) put(user int64, v counts) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.by) > 10_000 {
		clear(c.by)
	}
	c.by[user] = v
}

func (c *countCache) forget(user int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.by, user)
}

// countsFor gives the viewer's counts, from the cache when fresh.
func (u *UI) countsFor(r *http.Request, v viewer) counts {
	now := time.Now()
	if c, ok := u.counts.get(v.ID, now); ok {
		return c
	}
	c := counts{at: now}
	var err error
	if c.queues, err = u.store.QueueCounts(r.Context(), v.scope()); err != nil {
		u.log.Warn("queue counts", "err", err)
	}
	c.mine, _ = u.store.AssignedCount(r.Context(), v.ID)
	if n, err := u.store.Mentions(r.Context(), v.ID, 100); err == nil {
		c.mentions = len(n)
	}
	if canReview(v.Role) {
		pending, _ := u.store.PendingReplies(r.Context(), v.scope())
		c.pending = len(pending)
	}
	u.counts.put(v.ID, c)
	return c
}
