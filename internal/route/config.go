package route

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Config is the routing configuration: departments, rules and the triage threshold.
type Config struct {
	Departments []Department `yaml:"departments" json:"departments"`
	Rules       []Rule       `yaml:"rules" json:"rules"`
	// TriageBelow is the model confidence under which messages go to triage.
	TriageBelow float64 `yaml:"triage_below,omitempty" json:"triage_below,omitempty"`
}

//go:embed default.yaml
var defaultYAML []byte

// Default returns the configuration Switchboard ships with: the departments
// the product is built around and the rules every company wants on day one.
func Default() Config {
	cfg, err := Parse(defaultYAML)
	if err != nil {
		panic(fmt.Sprintf("the embedded default routing configuration is invalid: %v", err))
	}
	return cfg
}

// DefaultYAML returns the shipped configuration as YAML, a starting point to edit.
func DefaultYAML() []byte { return bytes.Clone(defaultYAML) }

// Load reads and validates a YAML configuration file.
func Load(path string) (Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("routing configuration: %w", err)
	}
	cfg, err := Parse(raw)
	if err != nil {
		return Config{}, fmt.Errorf("routing configuration %s: %w", path, err)
	}
	return cfg, nil
}

// Parse reads and validates a YAML configuration; unknown fields are errors.
func Parse(raw []byte) (Config, error) {
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		return Config{}, fmt.Errorf("parse: %w", err)
	}
	return cfg, cfg.Validate()
}

// Validate reports the first problem with the configuration, or nil.
func (c Config) Validate() error {
	slugs := map[string]bool{message.TriageQueue: true}
	owner := map[message.Class]string{}
	for _, d := range c.Departments {
		if err := d.Validate(); err != nil {
			return err
		}
		if slugs[d.Slug] && d.Slug != message.TriageQueue {
			return fmt.Errorf("department %s is defined twice", d.Slug)
		}
		slugs[d.Slug] = true
		for _, k := range d.Classes {
			if o := owner[k]; o != "" {
				return fmt.Errorf("class %s is taken by both %s and %s", k, o, d.Slug)
			}
			owner[k] = d.Slug
		}
	}
	names := map[string]bool{}
	for _, r := range c.Rules {
		if err := r.Validate(slugs); err != nil {
			return err
		}
		if names[r.Name] {
			return fmt.Errorf("rule %q is defined twice", r.Name)
		}
		names[r.Name] = true
	}
	if c.TriageBelow < 0 || c.TriageBelow >= 1 {
		return fmt.Errorf("triage_below must be in [0, 1)")
	}
	return nil
}
