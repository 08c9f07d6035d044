package incident

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/switchboard-crm/switchboard/internal/route"
)

// Notification channels.
const (
	ChannelApp     = "app"
	ChannelEmail   = "email"
	ChannelWebhook = "webhook"
)

// Policy says whom an incident notifies, how, and when it escalates.
type Policy struct {
	// Severities say, per severity, the channels that notify and how long
	// nobody may acknowledge before the next level is notified (0: never).
	Severities map[Severity]Step `yaml:"severities"`
	// Levels are who is notified, first to last (higher up).
	Levels  []Level `yaml:"levels"`
	SMTP    SMTP    `yaml:"smtp"`
	Webhook Webhook `yaml:"webhook"`
}

// Step is what a severity does.
type Step struct {
	Channels  []string       `yaml:"channels"`
	AckWithin route.Duration `yaml:"ack_within"`
}

// Level is one rung of escalation.
type Level struct {
	Name   string   `yaml:"name"` // shown in the app's notifications, e.g. "direction-generale"
	Emails []string `yaml:"emails"`
}

// SMTP is the mail server that sends notices (no authentication when
// Username is empty).
type SMTP struct {
	Addr     string `yaml:"addr"` // host:port
	From     string `yaml:"from"`
	Username string `yaml:"username"`
	Password string `yaml:"password"`
}

// Webhook is the outbound webhook: each notice is POSTed as JSON, signed
// with HMAC-SHA256 of "timestamp.body" under Secret.
type Webhook struct {
	URL    string `yaml:"url"`
	Secret string `yaml:"secret"`
}

// DefaultPolicy notifies in the app only (email and webhook need a policy
// file with their settings): low incidents once, the others again at the
// second level when nobody acknowledges in time.
func DefaultPolicy() Policy {
	app := []string{ChannelApp}
	return Policy{
		Severities: map[Severity]Step{
			Low:      {Channels: app},
			Medium:   {Channels: app, AckWithin: route.Duration(30 * time.Minute)},
			High:     {Channels: app, AckWithin: route.Duration(15 * time.Minute)},
			Critical: {Channels: app, AckWithin: route.Duration(5 * time.Minute)},
		},
		Levels: []Level{{Name: "direction-generale"}, {Name: "comite-de-direction"}},
	}
}

// LoadPolicy reads a YAML policy file; unknown fields are errors.
func LoadPolicy(path string) (Policy, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Policy{}, fmt.Errorf("crisis policy: %w", err)
	}
	var p Policy
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return Policy{}, fmt.Errorf("crisis policy %s: %w", path, err)
	}
	if err := p.Validate(); err != nil {
		return Policy{}, fmt.Errorf("crisis policy %s: %w", path, err)
	}
	return p, nil
}

// Validate reports the first problem of a policy.
func (p Policy) Validate() error {
	if len(p.Levels) == 0 {
		return fmt.Errorf("at least one level is required")
	}
	for _, sev := range []Severity{Low, Medium, High, Critical} {
		if _, ok := p.Severities[sev]; !ok {
			return fmt.Errorf("severity %s has no entry (give it channels, even [app])", sev)
		}
	}
	for sev, step := range p.Severities {
		if sev.Rank() < 0 {
			return fmt.Errorf("unknown severity %q (want low, medium, high or critical)", sev)
		}
		if step.AckWithin < 0 {
			return fmt.Errorf("severity %s: ack_within must not be negative", sev)
		}
		if err := p.checkChannels(sev, step.Channels); err != nil {
			return err
		}
	}
	return nil
}

func (p Policy) checkChannels(sev Severity, channels []string) error {
	for _, c := range channels {
		switch {
		case c == ChannelEmail && (p.SMTP.Addr == "" || p.SMTP.From == ""):
			return fmt.Errorf("severity %s notifies by email but smtp.addr and smtp.from are not set", sev)
		case c == ChannelWebhook && (p.Webhook.URL == "" || p.Webhook.Secret == ""):
			return fmt.Errorf("severity %s notifies by webhook but webhook.url and webhook.secret are not set", sev)
		case c != ChannelApp && c != ChannelEmail && c != ChannelWebhook:
			return fmt.Errorf("severity %s: unknown channel %q (want app, email or webhook)", sev, c)
		}
	}
	return nil
}
