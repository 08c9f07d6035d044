package route

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// DefaultTriageBelow is the confidence under which the model's class is not
// trusted and the message goes to the triage queue.
const DefaultTriageBelow = 0.5

// Router decides the department of each message. It is safe for concurrent
// use; Set swaps the configuration atomically.
type Router struct {
	cfg       atomic.Pointer[compiled]
	influence atomic.Pointer[InfluenceFunc]
}

// InfluenceFunc returns the influence score (0 to 100) of a message's author
// in the message's community, for the min_influence condition.
type InfluenceFunc func(m *message.Message) float64

// SetInfluence sets where min_influence reads scores; without it every
// author scores 0.
func (r *Router) SetInfluence(f InfluenceFunc) { r.influence.Store(&f) }

// scoreOf returns a function giving m's author score, looked up once.
func (r *Router) scoreOf(m *message.Message) func() float64 {
	var score float64
	done := false
	return func() float64 {
		if f := r.influence.Load(); f != nil && *f != nil && !done {
			score = (*f)(m)
		}
		done = true
		return score
	}
}

type compiled struct {
	Config
	byClass map[message.Class]string
}

// NewRouter returns a router on a validated configuration.
func NewRouter(cfg Config) (*Router, error) {
	r := &Router{}
	return r, r.Set(cfg)
}

// Set validates cfg and makes it the router's configuration.
func (r *Router) Set(cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	c := &compiled{Config: cfg, byClass: map[message.Class]string{}}
	for _, d := range cfg.Departments {
		for _, k := range d.Classes {
			c.byClass[k] = d.Slug
		}
	}
	r.cfg.Store(c)
	return nil
}

// Config returns the configuration in use.
func (r *Router) Config() Config { return r.cfg.Load().Config }

// Route decides where m goes from its analysis: the rules in order (the first
// that names a department routes it; every matching rule's priority, approval
// and escalation apply), else the department that takes the model's class,
// else triage when the model is unsure. Noise goes to no queue.
func (r *Router) Route(m *message.Message) message.Decision {
	c := r.cfg.Load()
	d := message.Decision{Priority: message.PriorityNormal, Status: message.StatusNew}
	var fired []string
	folded := " " + fold(m.Text) + " "
	score := r.scoreOf(m)
	for _, rule := range c.Rules {
		if !rule.IsEnabled() || !rule.When.matches(m, folded, score) {
			continue
		}
		fired = append(fired, rule.Name)
		applyActions(&d, rule)
	}
	if d.Rule != "" {
		d.Reason = fmt.Sprintf("rule %q routed to %s", d.Rule, d.Department)
	} else {
		c.modelDefault(&d, m)
	}
	if len(fired) > 0 {
		d.Reason += "; rules matched: " + strings.Join(fired, ", ")
	}
	if d.Escalated && d.Priority.Rank() < message.PriorityUrgent.Rank() {
		d.Priority = message.PriorityUrgent
	}
	return d
}

func applyActions(d *message.Decision, rule Rule) {
	t := rule.Then
	if t.Department != "" && d.Rule == "" {
		d.Department, d.Rule = t.Department, rule.Name
	}
	if t.Priority.Rank() > d.Priority.Rank() {
		d.Priority = t.Priority
	}
	d.RequiresApproval = d.RequiresApproval || t.RequireApproval
	d.Escalated = d.Escalated || t.Escalate
}

func (c *compiled) modelDefault(d *message.Decision, m *message.Message) {
	what := fmt.Sprintf("model %s: %s %.2f", m.ModelVersion, m.Class, m.Confidence)
	switch {
	case m.Confidence < c.threshold():
		d.Department = message.TriageQueue
		d.Reason = fmt.Sprintf("%s, below %.2f: triage", what, c.threshold())
	case m.Class == message.ClassNoise:
		d.Department = ""
		d.Reason = what + ": noise, no queue"
	case c.byClass[m.Class] == "":
		d.Department = message.TriageQueue
		d.Reason = fmt.Sprintf("%s: no department takes %s: triage", what, m.Class)
	default:
		d.Department = c.byClass[m.Class]
		d.Reason = fmt.Sprintf("%s: %s", what, d.Department)
	}
}

func (c *compiled) threshold() float64 {
	if c.TriageBelow > 0 {
		return c.TriageBelow
	}
	return DefaultTriageBelow
}
