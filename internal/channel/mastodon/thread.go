package mastodon

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// maxAncestors bounds the thread context read for one reply.
const maxAncestors = 20

// withContext gives a status's event, preceded by its ancestors when it
// answers a post this connector has not seen (from /statuses/:id/context).
// Context that cannot be read is skipped: the reply itself is kept.
func (c *Connector) withContext(ctx context.Context, it item) []channel.Event {
	ev := toEvent(c.base.Host, it.status, it.raw)
	if ev.Msg.InReplyTo == "" || !c.contextOn() || c.seen.has(ev.Msg.InReplyTo) {
		return []channel.Event{ev}
	}
	var tc struct {
		Ancestors []json.RawMessage `json:"ancestors"`
	}
	if _, err := c.get(ctx, "/api/v1/statuses/"+it.status.ID+"/context", nil, &tc); err != nil {
		c.log("thread context of %s: %v", it.status.ID, err)
		return []channel.Event{ev}
	}
	var out []channel.Event
	for _, raw := range tc.Ancestors[max(len(tc.Ancestors)-maxAncestors, 0):] {
		if st, err := parseStatus(raw); err == nil {
			out = append(out, toEvent(c.base.Host, st, raw))
		}
	}
	return append(out, ev)
}

func (c *Connector) contextOn() bool { return c.cfg.Context == nil || *c.cfg.Context }

// seenSet remembers recent message ids, to skip thread context already read.
type seenSet struct {
	mu   sync.Mutex
	ids  map[string]bool
	fifo []string
}

const seenMax = 10_000

func (s *seenSet) add(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ids == nil {
		s.ids = map[string]bool{}
	}
	if s.ids[id] {
		return
	}
	s.ids[id] = true
	s.fifo = append(s.fifo, id)
	if len(s.fifo) > seenMax {
		delete(s.ids, s.fifo[0])
		s.fifo = s.fifo[1:]
	}
}

func (s *seenSet) has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids[id]
}
