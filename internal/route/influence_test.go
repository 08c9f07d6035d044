package route

import (
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/message"
	"gopkg.in/yaml.v3"
)

func TestMinInfluenceCondition(t *testing.T) {
	var cfg Config
	src := "departments:\n  - {slug: relation-client, name: Relation client, classes: [complaint]}\n" +
		"  - {slug: direction, name: Direction, classes: [crisis]}\n" +
		"rules:\n  - name: opinion leaders\n    when: {min_influence: 60, communities: [fr-market]}\n    then: {department: direction, priority: high}\n" +
		"  - name: influential\n    when: {min_influence: 10}\n    then: {require_approval: true}\n"
	if err := yaml.Unmarshal([]byte(src), &cfg); err != nil {
		t.Fatal(err)
	}
	r, err := NewRouter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := analysed("colis en retard", message.ClassComplaint, 0.9, message.Negative, 10)
	m.Community = "fr-market"
	if d := r.Route(m); d.Rule != "" {
		t.Fatalf("rule fired without any score: %+v", d)
	}
	scores := map[string]float64{"@leader": 75, "@nobody": 20}
	asked := 0
	r.SetInfluence(func(m *message.Message) float64 { asked++; return scores[m.Author.Handle] })
	m.Author.Handle = "@leader"
	if d := r.Route(m); d.Rule != "opinion leaders" || d.Department != "direction" || d.Priority != message.PriorityHigh {
		t.Fatalf("leader at 75: %+v", d)
	}
	m.Author.Handle = "@nobody"
	if d := r.Route(m); d.Rule != "" || d.Department != "relation-client" {
		t.Fatalf("author at 20 routed by the rule: %+v", d)
	}
	before := asked
	if d := r.Route(m); !d.RequiresApproval || asked != before+1 {
		t.Errorf("two rules with min_influence: %+v, score asked %d times, want once", d, asked-before)
	}
	cfg.Rules = cfg.Rules[:1]
	r.Set(cfg)
	m.Community, before = "uk-market", asked
	if r.Route(m); asked != before {
		t.Errorf("score asked although the community already ruled the rule out")
	}
	cfg.Rules[0].When.MinInfluence = 101
	if err := r.Set(cfg); err == nil || !strings.Contains(err.Error(), "min_influence") {
		t.Fatalf("min_influence 101 accepted: %v", err)
	}
}
