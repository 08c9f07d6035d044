package ui

import (
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"time"
)

// presenceTTL is how long a viewer counts as present after their last poll.
const presenceTTL = 20 * time.Second

// presence remembers who has each conversation open, in this process: the
// page polls every few seconds, and each poll says "I am here".
type presence struct {
	mu   sync.Mutex
	seen map[int64]map[int64]viewerSeen // message → user → last seen
}

type viewerSeen struct {
	name string
	at   time.Time
}

func newPresence() *presence { return &presence{seen: map[int64]map[int64]viewerSeen{}} }

func (p *presence) see(msg, user int64, name string, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := p.seen[msg]
	if m == nil {
		m = map[int64]viewerSeen{}
		p.seen[msg] = m
	}
	m[user] = viewerSeen{name: name, at: now}
}

// others gives the names of the people other than user viewing msg now.
func (p *presence) others(msg, user int64, now time.Time) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	names := []string{}
	for id, s := range p.seen[msg] {
		if now.Sub(s.at) > presenceTTL {
			delete(p.seen[msg], id)
			continue
		}
		if id != user {
			names = append(names, s.name)
		}
	}
	if len(p.seen[msg]) == 0 {
		delete(p.seen, msg)
	}
	sort.Strings(names)
	return names
}

// presencePoll records the viewer on the conversation and answers who else is on it.
func (u *UI) presencePoll(w http.ResponseWriter, r *http.Request) {
	m, ok := u.visibleMessage(w, r)
	if !ok {
		return
	}
	v := viewerOf(r.Context())
	now := time.Now()
	u.presence.see(m.ID, v.ID, displayName(v.User), now)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(map[string]any{"viewers": u.presence.others(m.ID, v.ID, now)})
}
