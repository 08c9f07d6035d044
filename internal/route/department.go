// Package route decides where a message goes: the routing rules first, then
// the model's class mapped to the department that takes it, with a triage
// queue for what the model is unsure about. It also holds the departments'
// service levels and business hours.
package route

import (
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Department is a team that answers messages: its queue takes the classes listed.
type Department struct {
	Slug          string          `yaml:"slug" json:"slug"`
	Name          string          `yaml:"name" json:"name"`
	Classes       []message.Class `yaml:"classes" json:"classes"`
	SLA           SLA             `yaml:"sla" json:"sla"`
	BusinessHours BusinessHours   `yaml:"business_hours" json:"business_hours"`
}

// SLA holds a department's service-level targets.
type SLA struct {
	FirstResponse Duration `yaml:"first_response" json:"first_response"`
	Resolution    Duration `yaml:"resolution" json:"resolution"`
}

// BusinessHours says when a department works; SLA clocks run only then.
type BusinessHours struct {
	Timezone string   `yaml:"timezone" json:"timezone"`
	Days     []string `yaml:"days" json:"days"`   // mon … sun
	Start    string   `yaml:"start" json:"start"` // "09:00"
	End      string   `yaml:"end" json:"end"`     // "18:00"
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

var dayNames = map[string]bool{"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true}

var clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// Validate reports the first problem with d, or nil.
func (d Department) Validate() error {
	if !slugPattern.MatchString(d.Slug) {
		return fmt.Errorf("department slug %q: use lower-case letters, digits and dashes", d.Slug)
	}
	if d.Name == "" {
		return fmt.Errorf("department %s: name is required", d.Slug)
	}
	for _, c := range d.Classes {
		if !c.Valid() {
			return fmt.Errorf("department %s: unknown class %q (want one of %v)", d.Slug, c, message.Classes)
		}
	}
	if d.SLA.FirstResponse < 0 || d.SLA.Resolution < 0 {
		return fmt.Errorf("department %s: SLA durations must not be negative", d.Slug)
	}
	return d.BusinessHours.validate(d.Slug)
}

func (b BusinessHours) validate(slug string) error {
	if b.Timezone != "" {
		if _, err := time.LoadLocation(b.Timezone); err != nil {
			return fmt.Errorf("department %s: time zone %q: %w", slug, b.Timezone, err)
		}
	}
	for _, d := range b.Days {
		if !dayNames[d] {
			return fmt.Errorf("department %s: business day %q: want mon, tue, wed, thu, fri, sat or sun", slug, d)
		}
	}
	for _, c := range []string{b.Start, b.End} {
		if c != "" && !clockPattern.MatchString(c) {
			return fmt.Errorf("department %s: business hours %q: want HH:MM", slug, c)
		}
	}
	return nil
}

// Duration is a time.Duration written as "4h" or "30m" in YAML and JSON.
type Duration time.Duration

// MarshalJSON writes the duration as a string such as "4h0m0s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads a duration string such as "4h".
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration: want a string such as \"4h\": %w", err)
	}
	return d.parse(s)
}

// UnmarshalYAML reads a duration string such as "4h".
func (d *Duration) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err != nil {
		return err
	}
	return d.parse(s)
}

// MarshalYAML writes the duration as a string.
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

func (d *Duration) parse(s string) error {
	if s == "" {
		*d = 0
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: %w", s, err)
	}
	*d = Duration(v)
	return nil
}
