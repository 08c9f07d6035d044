package incident

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Limits of what one incident holds in memory and in its record.
const (
	maxIncidentTerms = 6
	maxAlerts        = 50
)

// CrisisDepartment is the queue of general management, where the messages of
// an open incident go.
const CrisisDepartment = "direction-generale"

// open is what the manager keeps of an open incident.
type open struct {
	id        int64
	community string
	terms     []string
	alerts    []crisis.Alert
	last      time.Time // the time of its latest alert
	severity  Severity
	messages  int
	reach     int64
	authors   map[string]bool
}

func openFrom(in store.Incident, msgs []store.IncidentMessage) *open {
	o := &open{id: in.ID, community: in.Community, terms: in.Terms, severity: Severity(in.Severity), authors: map[string]bool{}}
	_ = json.Unmarshal(in.Alerts, &o.alerts)
	for _, a := range o.alerts {
		if a.Time.After(o.last) {
			o.last = a.Time
		}
	}
	for _, m := range msgs {
		o.count(m)
	}
	return o
}

// count adds a gathered message to the incident's volume and reach.
func (o *open) count(m store.IncidentMessage) {
	o.messages++
	if !o.authors[m.Author] && len(o.authors) < 100_000 {
		o.authors[m.Author] = true
		o.reach += m.Followers
	}
}

// matches reports whether a routed message belongs to the incident: routed
// by its rule, or in its community with one of its terms (any negative
// message of the community when the incident has no terms).
func (o *open) matches(s seen) bool {
	if s.rule == store.IncidentRuleName(o.id) {
		return true
	}
	if s.community != o.community {
		return false
	}
	if len(o.terms) == 0 {
		return s.row.Negative
	}
	return overlap(o.terms, s.row.Terms)
}

// joinWindow is how long after an incident's last alert a volume alert of
// its community (all messages, negative, a class) still joins it.
const joinWindow = 6 * time.Hour

// joins reports whether an alert belongs to the incident: same community
// and overlapping terms (an alert without terms joins its community's); a
// volume alert — all messages, negative ones, a class — is the community's
// storm as a whole and joins it within joinWindow of its last alert.
func (o *open) joins(a crisis.Alert, terms []string) bool {
	if a.Community != o.community {
		return false
	}
	if len(terms) == 0 || len(o.terms) == 0 || overlap(o.terms, terms) {
		return true
	}
	volume := !strings.HasPrefix(a.Series, "term:") && a.Kind == crisis.KindBurst
	return volume && a.Time.Sub(o.last) <= joinWindow
}

// add merges an alert into the incident.
func (o *open) add(a crisis.Alert, terms []string) {
	for _, t := range terms {
		if len(o.terms) < maxIncidentTerms && !slices.Contains(o.terms, t) {
			o.terms = append(o.terms, t)
		}
	}
	if len(o.alerts) < maxAlerts {
		o.alerts = append(o.alerts, a)
	}
	if a.Time.After(o.last) {
		o.last = a.Time
	}
	o.severity = higher(o.severity, severityOf(o))
}

func (o *open) alertsJSON() json.RawMessage {
	raw, _ := json.Marshal(o.alerts)
	return raw
}

// rule is the routing rule the incident installs: its community's messages
// with one of its terms (negative ones when it has none) go to general
// management, and replies to them need approval.
func (o *open) rule() route.Rule {
	r := route.Rule{Name: store.IncidentRuleName(o.id), Then: route.Actions{
		Department: CrisisDepartment, Priority: message.PriorityHigh, RequireApproval: true,
	}}
	if o.community != "" {
		r.When.Communities = []string{o.community}
	}
	if len(o.terms) > 0 {
		r.When.Keywords = slices.Clone(o.terms)
	} else {
		r.When.Sentiments = []message.Sentiment{message.Negative}
	}
	return r
}

// alertTerms are the terms an alert is about: the series' own term first,
// then the community's fastest-rising terms.
func alertTerms(a crisis.Alert) []string {
	var out []string
	if t, ok := cutPrefix(a.Series, "term:"); ok {
		out = append(out, t)
	}
	for _, t := range a.Terms {
		if len(out) < maxIncidentTerms && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return "", false
}

func overlap(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}
