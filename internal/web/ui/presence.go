package ui

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// presenceTTL is how long a viewer counts as present after their last poll.
const presenceTTL = 20 * time.Second

// presence remembers who has each conversation open: the page polls every
// few seconds, and each poll says "I am here" to every process of the
// installation (core NATS, beside the bus's subjects), so two people served
// by two processes still see each other.
type presence struct {
	mu   sync.Mutex
	seen map[int64]map[int64]viewerSeen // message → user → last seen
}

type viewerSeen struct {
	name string
	at   time.Time
}

func newPresence() *presence { return &presence{seen: map[int64]map[int64]viewerSeen{}} }

// heartbeat is one "I am here" between processes.
type heartbeat struct {
	Message int64  `json:"m"`
	User    int64  `json:"u"`
	Name    string `json:"n"`
}

func presenceSubject(bus *pipeline.Bus) string {
	return strings.TrimSuffix(bus.ConfigSubject, "config.changed") + "inbox.presence"
}

// share sends this process's heartbeats to the others and takes theirs.
func (p *presence) share(bus *pipeline.Bus) (func(int64, int64, string), error) {
	subject := presenceSubject(bus)
	_, err := bus.Conn().Subscribe(subject, func(m *nats.Msg) {
		var hb heartbeat
		if json.Unmarshal(m.Data, &hb) == nil && hb.Message > 0 && hb.User > 0 {
			p.see(hb.Message, hb.User, hb.Name, time.Now())
		}
	})
	if err != nil {
		return nil, err
	}
	return func(msg, user int64, name string) {
		raw, _ := json.Marshal(heartbeat{Message: msg, User: user, Name: name})
		bus.Conn().Publish(subject, raw) // best effort: the next poll says it again
	}, nil
}

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
	u.here(m.ID, v)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(map[string]any{"viewers": u.presence.others(m.ID, v.ID, now)})
}

// here records the viewer on the conversation, here and in the other processes.
func (u *UI) here(msg int64, v viewer) {
	u.presence.see(msg, v.ID, displayName(v.User), time.Now())
	if u.announce != nil {
		u.announce(msg, v.ID, displayName(v.User))
	}
}
