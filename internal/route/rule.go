package route

import (
	"fmt"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Rule routes or marks the messages that meet all its conditions. Rules run
// in order before the model's default.
type Rule struct {
	Name    string     `yaml:"name" json:"name"`
	Enabled *bool      `yaml:"enabled,omitempty" json:"enabled,omitempty"` // nil means enabled
	When    Conditions `yaml:"when" json:"when"`
	Then    Actions    `yaml:"then" json:"then"`
}

// Conditions are all required; an empty list or zero value matches anything.
type Conditions struct {
	Classes       []message.Class     `yaml:"classes,omitempty" json:"classes,omitempty"`
	MinConfidence float64             `yaml:"min_confidence,omitempty" json:"min_confidence,omitempty"`
	MaxConfidence float64             `yaml:"max_confidence,omitempty" json:"max_confidence,omitempty"`
	Sentiments    []message.Sentiment `yaml:"sentiments,omitempty" json:"sentiments,omitempty"`
	Languages     []string            `yaml:"languages,omitempty" json:"languages,omitempty"`
	Channels      []string            `yaml:"channels,omitempty" json:"channels,omitempty"`
	Communities   []string            `yaml:"communities,omitempty" json:"communities,omitempty"`
	MinFollowers  int64               `yaml:"min_followers,omitempty" json:"min_followers,omitempty"`
	// MinInfluence is the author's least influence score (0 to 100) in the
	// message's community (internal/influence); authors not scored yet have 0.
	MinInfluence float64 `yaml:"min_influence,omitempty" json:"min_influence,omitempty"`
	// Keywords match when any of them appears as whole words, ignoring case and accents.
	Keywords []string `yaml:"keywords,omitempty" json:"keywords,omitempty"`
}

// Actions are what a matching rule does.
type Actions struct {
	Department      string           `yaml:"department,omitempty" json:"department,omitempty"`
	Priority        message.Priority `yaml:"priority,omitempty" json:"priority,omitempty"`
	RequireApproval bool             `yaml:"require_approval,omitempty" json:"require_approval,omitempty"`
	Escalate        bool             `yaml:"escalate,omitempty" json:"escalate,omitempty"`
}

// IsEnabled reports whether the rule runs.
func (r Rule) IsEnabled() bool { return r.Enabled == nil || *r.Enabled }

// Validate reports the first problem with r, given the department slugs that exist.
func (r Rule) Validate(departments map[string]bool) error {
	if strings.TrimSpace(r.Name) == "" || len(r.Name) > 100 {
		return fmt.Errorf("rule name is required (at most 100 characters)")
	}
	if err := r.When.validate(); err != nil {
		return fmt.Errorf("rule %q: %w", r.Name, err)
	}
	t := r.Then
	if t.Department != "" && !departments[t.Department] {
		return fmt.Errorf("rule %q: no department %q", r.Name, t.Department)
	}
	if t.Priority != "" && t.Priority.Rank() < 0 {
		return fmt.Errorf("rule %q: priority %q: want low, normal, high or urgent", r.Name, t.Priority)
	}
	if t == (Actions{}) {
		return fmt.Errorf("rule %q: does nothing (set department, priority, require_approval or escalate)", r.Name)
	}
	return nil
}

func (c Conditions) validate() error {
	for _, k := range c.Classes {
		if !k.Valid() {
			return fmt.Errorf("unknown class %q", k)
		}
	}
	for _, s := range c.Sentiments {
		if !s.Valid() {
			return fmt.Errorf("unknown sentiment %q", s)
		}
	}
	if c.MinConfidence < 0 || c.MinConfidence > 1 || c.MaxConfidence < 0 || c.MaxConfidence > 1 {
		return fmt.Errorf("confidence bounds must be between 0 and 1")
	}
	if c.MinFollowers < 0 {
		return fmt.Errorf("min_followers must not be negative")
	}
	if c.MinInfluence < 0 || c.MinInfluence > 100 {
		return fmt.Errorf("min_influence must be between 0 and 100")
	}
	for _, k := range c.Keywords {
		if fold(k) == "" {
			return fmt.Errorf("keyword %q has no letters or digits", k)
		}
	}
	return nil
}

// matches reports whether m, with its folded text, meets every condition;
// influence gives the author's score, asked only when a rule needs it.
func (c Conditions) matches(m *message.Message, folded string, influence func() float64) bool {
	switch {
	case len(c.Classes) > 0 && !contains(c.Classes, m.Class),
		c.MinConfidence > 0 && m.Confidence < c.MinConfidence,
		c.MaxConfidence > 0 && m.Confidence > c.MaxConfidence,
		len(c.Sentiments) > 0 && !contains(c.Sentiments, m.Sentiment),
		len(c.Languages) > 0 && !contains(c.Languages, m.Analysis.Lang),
		len(c.Channels) > 0 && !contains(c.Channels, m.Channel),
		len(c.Communities) > 0 && !contains(c.Communities, m.Community),
		c.MinFollowers > 0 && m.Author.Followers < c.MinFollowers,
		c.MinInfluence > 0 && influence() < c.MinInfluence:
		return false
	}
	return len(c.Keywords) == 0 || anyKeyword(c.Keywords, folded)
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func anyKeyword(keywords []string, folded string) bool {
	for _, k := range keywords {
		if strings.Contains(folded, " "+fold(k)+" ") {
			return true
		}
	}
	return false
}
