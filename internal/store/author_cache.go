package store

import (
	"sync"
	"time"
)

// authorRefresh is how often an unchanged author's last_seen_at is written.
const authorRefresh = int64(time.Hour / time.Microsecond)

// maxCachedAuthors bounds the cache; when full it starts again empty.
const maxCachedAuthors = 200_000

type cachedAuthor struct {
	id        int64
	name      string
	followers int64
	seen      int64
}

// authorCache remembers authors written recently, to spare the writer an
// upsert per message. It is cleared when a transaction rolls back, as the ids
// it learned there may not exist.
type authorCache struct {
	mu sync.Mutex
	m  map[string]cachedAuthor
}

func (c *authorCache) get(key string) (cachedAuthor, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.m[key]
	return a, ok
}

func (c *authorCache) put(key string, a cachedAuthor) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedAuthors {
		c.m = make(map[string]cachedAuthor, 1024)
	}
	c.m[key] = a
}

func (c *authorCache) clear() {
	c.mu.Lock()
	c.m = nil
	c.mu.Unlock()
}
