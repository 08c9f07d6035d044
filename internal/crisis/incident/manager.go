package incident

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// recentPerCommunity is how many recent messages per community an incident
// opened at a bucket's close may gather from before it opened.
const recentPerCommunity = 2000

// Manager feeds routed messages to the detector and keeps incidents: it
// opens them, joins alerts to them and gathers their messages. It is safe
// for concurrent use.
type Manager struct {
	st       *store.Store
	det      *crisis.Detector
	bucket   time.Duration
	announce func() // tells every process the routing rules changed
	log      *slog.Logger
	// influence gives a negative message's author score (SetInfluence).
	influence func(*message.Message) float64

	mu         sync.Mutex
	open       map[int64]*open
	recent     *recent
	lastBucket time.Time
	stream     time.Time // latest message time seen
	streamWall time.Time // wall-clock time it was seen
}

// NewManager returns a manager over the store's open incidents. announce is
// called after an incident installs or changes its routing rule.
func NewManager(ctx context.Context, st *store.Store, cfg crisis.Config, announce func(), log *slog.Logger) (*Manager, error) {
	det, err := crisis.NewDetector(cfg)
	if err != nil {
		return nil, err
	}
	m := &Manager{st: st, det: det, bucket: cfg.Bucket, announce: announce, log: log,
		open: map[int64]*open{}, recent: newRecent(recentPerCommunity)}
	if m.announce == nil {
		m.announce = func() {}
	}
	return m, m.load(ctx)
}

func (m *Manager) load(ctx context.Context) error {
	list, err := m.st.Incidents(ctx, store.IncidentOpen, 500)
	if err != nil {
		return fmt.Errorf("load open incidents: %w", err)
	}
	for _, in := range list {
		msgs, err := m.st.IncidentMessages(ctx, in.ID, 100_000)
		if err != nil {
			return err
		}
		m.open[in.ID] = openFrom(in, msgs)
	}
	return nil
}

// SetInfluence gives the manager the authors' influence scores in their
// community (internal/influence), asked for negative messages only, for the
// detector's opinion-leader signal. Call it before the first message.
func (m *Manager) SetInfluence(score func(*message.Message) float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.influence = score
}

// Detector returns the manager's detector, for its statistics.
func (m *Manager) Detector() *crisis.Detector { return m.det }

// Handle feeds one routed message: it closes the buckets its time ends,
// observes it, acts on the alerts raised and gathers it into the open
// incidents it belongs to.
func (m *Manager) Handle(ctx context.Context, msg *message.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	terms := Terms(msg.Text)
	ev := eventOf(msg, terms)
	if ev.Negative && m.influence != nil {
		ev.Influence = m.influence(msg)
	}
	s := seenOf(msg, terms)
	var alerts []crisis.Alert
	if b := ev.Time.Truncate(m.bucket); b.After(m.lastBucket) {
		m.lastBucket = b
		alerts = m.det.Tick(ev.Time)
	}
	alerts = append(alerts, m.det.Observe(ev)...)
	if ev.Time.After(m.stream) {
		m.stream, m.streamWall = ev.Time, time.Now()
	}
	m.recent.add(s)
	for _, a := range alerts {
		if err := m.alert(ctx, a, s); err != nil {
			return err
		}
	}
	return m.gather(ctx, s)
}

// Tick closes the buckets that ended by the stream's clock (the latest
// message time, advanced by the wall-clock time since) and acts on alerts.
func (m *Manager) Tick(ctx context.Context, wall time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.forgetClosed(ctx); err != nil {
		return err
	}
	if m.stream.IsZero() {
		return nil
	}
	now := m.stream.Add(wall.Sub(m.streamWall))
	if b := now.Truncate(m.bucket); b.After(m.lastBucket) {
		m.lastBucket = b
		for _, a := range m.det.Tick(now) {
			if err := m.alert(ctx, a, seen{}); err != nil {
				return err
			}
		}
	}
	return nil
}

// gather adds the message to every open incident it belongs to.
func (m *Manager) gather(ctx context.Context, s seen) error {
	for _, o := range m.open {
		if o.matches(s) {
			if err := m.addMessages(ctx, o, []seen{s}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *Manager) addMessages(ctx context.Context, o *open, list []seen) error {
	rows := make([]store.IncidentMessage, 0, len(list))
	for _, s := range list {
		if s.row.MessageID != 0 {
			rows = append(rows, s.row)
			o.count(s.row)
		}
	}
	if err := m.st.AddIncidentMessages(ctx, o.id, rows); err != nil {
		return err
	}
	if sev := severityOf(o); sev.Rank() > o.severity.Rank() {
		o.severity = sev
		return m.st.JoinIncident(ctx, o.id, o.update())
	}
	return nil
}

// alert opens an incident or joins the open one the alert belongs to.
// trigger is the message whose observation raised it (empty on a tick).
func (m *Manager) alert(ctx context.Context, a crisis.Alert, trigger seen) error {
	terms := alertTerms(a)
	if len(terms) == 0 && a.Kind != crisis.KindBurst {
		terms = trigger.row.Terms // an opinion leader's or a viral post's own words
	}
	terms = m.recent.withoutBackground(a.Community, a.Time, terms)
	terms = terms[:min(len(terms), maxIncidentTerms)]
	terms = m.recent.enrich(a.Community, a.Time, terms)
	for _, o := range m.open {
		if o.joins(a, terms) {
			return m.join(ctx, o, a, terms, trigger)
		}
	}
	return m.openIncident(ctx, a, terms, trigger)
}

func (m *Manager) join(ctx context.Context, o *open, a crisis.Alert, terms []string, trigger seen) error {
	o.add(a, terms)
	if err := m.st.JoinIncident(ctx, o.id, o.update()); err != nil {
		return err
	}
	m.announce()
	return m.addTrigger(ctx, o, a, trigger)
}

func (m *Manager) openIncident(ctx context.Context, a crisis.Alert, terms []string, trigger seen) error {
	o := &open{community: a.Community, authors: map[string]bool{}, severity: Low}
	o.add(a, terms)
	in, err := m.st.OpenIncident(ctx, store.Actor{Name: "system:crisis"}, store.NewIncident{
		Community: a.Community, Severity: string(o.severity), Title: o.title(),
		Terms: o.terms, Alerts: o.alertsJSON(), StartedAt: a.Time, Rule: o.rule(),
	})
	if err != nil {
		return err
	}
	o.id = in.ID
	m.open[o.id] = o
	m.log.Warn("crisis incident opened", "incident", o.id, "community", a.Community, "terms", o.terms, "kind", a.Kind, "series", a.Series, "at", a.Time)
	m.announce()
	if err := m.addMessages(ctx, o, m.recentMatching(o, a.Time)); err != nil {
		return err
	}
	return m.addTrigger(ctx, o, a, trigger)
}

// recentMatching lists the recent messages of the incident, from the
// alert's bucket on.
func (m *Manager) recentMatching(o *open, from time.Time) []seen {
	var out []seen
	for _, s := range m.recent.byID[o.community] {
		if !s.row.PostedAt.Before(from) && o.matches(s) {
			out = append(out, s)
		}
	}
	return out
}

// addTrigger gathers the message that raised a viral or leader alert.
func (m *Manager) addTrigger(ctx context.Context, o *open, a crisis.Alert, trigger seen) error {
	if a.Kind == crisis.KindBurst || trigger.row.MessageID == 0 {
		return nil
	}
	return m.addMessages(ctx, o, []seen{trigger})
}

// forgetClosed drops the incidents closed meanwhile (through the API, by
// any process; the store removed their rules).
func (m *Manager) forgetClosed(ctx context.Context) error {
	list, err := m.st.Incidents(ctx, store.IncidentOpen, 500)
	if err != nil {
		return err
	}
	still := map[int64]bool{}
	for _, in := range list {
		still[in.ID] = true
	}
	for id := range m.open {
		if !still[id] {
			delete(m.open, id)
		}
	}
	return nil
}

// title names the incident by its first alert's kind, its terms and community.
func (o *open) title() string {
	what := "Burst"
	if len(o.alerts) > 0 {
		what = map[crisis.Kind]string{crisis.KindBurst: "Burst", crisis.KindViral: "Viral post", crisis.KindLeader: "Opinion leader"}[o.alerts[0].Kind]
	}
	t := what
	if len(o.terms) > 0 {
		t += ": " + strings.Join(o.terms[:min(len(o.terms), 4)], ", ")
	}
	if o.community != "" {
		t += " (" + o.community + ")"
	}
	return t
}

// update is what the store records when an alert joins or the severity rises.
func (o *open) update() store.IncidentUpdate {
	return store.IncidentUpdate{Severity: string(o.severity), Title: o.title(), Terms: o.terms, Alerts: o.alertsJSON(), Rule: o.rule()}
}
