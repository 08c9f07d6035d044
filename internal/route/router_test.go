package route

import (
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func analysed(text string, class message.Class, conf float64, s message.Sentiment, followers int64) *message.Message {
	m := &message.Message{Channel: "bluesky", Text: text, Author: message.Author{Followers: followers}}
	m.Analysis = message.Analysis{Lang: "fr", Sentiment: s, Class: class, Confidence: conf, ModelVersion: "t1"}
	return m
}

func TestDefaultRouting(t *testing.T) {
	r, err := NewRouter(Default())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		m        *message.Message
		dep      string
		rule     string
		prio     message.Priority
		approval bool
		esc      bool
	}{
		{"complaint", analysed("colis en retard", message.ClassComplaint, 0.8, message.Negative, 10), "relation-client", "", "normal", false, false},
		{"technical", analysed("l'appli plante", message.ClassTechnical, 0.7, message.Negative, 10), "support-produit", "", "normal", false, false},
		{"unsure goes to triage", analysed("hmm", message.ClassComplaint, 0.3, message.Neutral, 10), "triage", "", "normal", false, false},
		{"noise goes nowhere", analysed("gagnez un iphone", message.ClassNoise, 0.9, message.Neutral, 10), "", "", "normal", false, false},
		{"lead to marketing", analysed("un devis svp", message.ClassLead, 0.9, message.Neutral, 10), "marketing-communaute", "", "normal", false, false},
		{"legal needs approval", analysed("question sur le contrat", message.ClassLegal, 0.8, message.Neutral, 10), "juridique", "", "normal", true, false},
		{"legal words rule beats the model", analysed("Mon AVOCAT vous contactera", message.ClassComplaint, 0.9, message.Negative, 10), "juridique", "legal-words", "normal", true, false},
		{"keyword needs whole words", analysed("un avocatier en fleur", message.ClassPraise, 0.9, message.Positive, 10), "marketing-communaute", "", "normal", false, false},
		{"crisis words escalate", analysed("Intoxication après votre plat !", message.ClassComplaint, 0.9, message.Negative, 10), "direction-generale", "crisis-words", "urgent", true, true},
		{"multi-word keyword, accents folded", analysed("Une FUITE DE DONNEES chez vous ?", message.ClassTechnical, 0.9, message.Negative, 10), "direction-generale", "crisis-words", "urgent", true, true},
		{"unhappy leader first", analysed("service lamentable", message.ClassComplaint, 0.9, message.Negative, 80000), "relation-client", "", "high", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := r.Route(c.m)
			if d.Department != c.dep || d.Rule != c.rule || d.Priority != c.prio || d.RequiresApproval != c.approval || d.Escalated != c.esc {
				t.Fatalf("got %+v", d)
			}
			if d.Reason == "" || (c.rule != "" && !strings.Contains(d.Reason, c.rule)) {
				t.Fatalf("reason %q does not say why", d.Reason)
			}
			if c.rule == "" && !strings.Contains(d.Reason, "model t1") {
				t.Fatalf("reason %q does not name the model", d.Reason)
			}
		})
	}
}

func TestRuleConditions(t *testing.T) {
	off := false
	cfg := Default()
	cfg.Rules = []Rule{
		{Name: "disabled", Enabled: &off, When: Conditions{Channels: []string{"bluesky"}}, Then: Actions{Department: "juridique"}},
		{Name: "english vip on bluesky", When: Conditions{Languages: []string{"en"}, Channels: []string{"bluesky"}, MinFollowers: 1000, MaxConfidence: 0.95},
			Then: Actions{Department: "marketing-communaute", Priority: message.PriorityHigh}},
	}
	r, err := NewRouter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := analysed("hello", message.ClassComplaint, 0.9, message.Neutral, 5000)
	m.Analysis.Lang = "en"
	if d := r.Route(m); d.Rule != "english vip on bluesky" || d.Priority != message.PriorityHigh {
		t.Fatalf("got %+v", d)
	}
	m.Author.Followers = 10
	if d := r.Route(m); d.Rule != "" || d.Department != "relation-client" {
		t.Fatalf("rule fired below min followers: %+v", d)
	}
}

func TestConfigValidation(t *testing.T) {
	bad := map[string]string{
		"unknown class":      "departments: [{slug: a, name: A, classes: [gossip]}]",
		"class twice":        "departments: [{slug: a, name: A, classes: [legal]}, {slug: b, name: B, classes: [legal]}]",
		"bad slug":           "departments: [{slug: 'A B', name: A}]",
		"rule to nowhere":    "departments: [{slug: a, name: A}]\nrules: [{name: r, then: {department: zzz}}]",
		"rule does nothing":  "rules: [{name: r, when: {classes: [legal]}}]",
		"unknown field":      "departement: []",
		"bad duration":       "departments: [{slug: a, name: A, sla: {first_response: soon}}]",
		"bad hours":          "departments: [{slug: a, name: A, business_hours: {start: '25:00'}}]",
		"bad timezone":       "departments: [{slug: a, name: A, business_hours: {timezone: Mars/Olympus}}]",
		"bad threshold":      "triage_below: 2",
		"duplicate rule":     "rules: [{name: r, then: {escalate: true}}, {name: r, then: {escalate: true}}]",
		"empty keyword":      "rules: [{name: r, when: {keywords: ['!!']}, then: {escalate: true}}]",
		"bad priority":       "rules: [{name: r, then: {priority: asap}}]",
		"bad sentiment":      "rules: [{name: r, when: {sentiments: [angry]}, then: {escalate: true}}]",
		"confidence above 1": "rules: [{name: r, when: {min_confidence: 3}, then: {escalate: true}}]",
	}
	for name, y := range bad {
		if _, err := Parse([]byte(y)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Remboursé !", "FUITE de données", "", "\xff\xfe", "🙃 ok"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := fold(s)
		if out != fold(out) {
			t.Fatalf("fold is not idempotent on %q", s)
		}
		if strings.HasPrefix(out, " ") || strings.Contains(out, "  ") {
			t.Fatalf("fold(%q) = %q has stray spaces", s, out)
		}
	})
}
