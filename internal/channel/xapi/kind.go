// Package xapi connects Switchboard to X through the API v2: the filtered
// stream, whose rules are synchronised with the account's configuration;
// a search of recent posts with since_id after every reconnect (the stream
// has no replay on most plans); replies with POST /2/tweets.
package xapi

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// Channel is the message channel of posts on X.
const Channel = "x"

// ruleTag marks the stream rules Switchboard owns; others are left alone.
const ruleTag = "switchboard"

// Config is an X account: the filtered stream's rules.
type Config struct {
	// Rules are filtered stream queries, like "@acme OR acme -is:retweet".
	Rules []string `json:"rules"`
	// API is the API's base URL; default https://api.x.com.
	API string `json:"api,omitempty"`
	// StallSeconds without even a keep-alive before reconnecting; default 60.
	StallSeconds int `json:"stall_seconds,omitempty"`
}

// Kind is the X connector's kind.
func Kind() channel.Kind {
	return channel.Kind{Name: "xapi", Channels: []string{Channel}, Secrets: []string{"bearer_token", "user_access_token"}, New: New}
}

// Connector is one X account.
type Connector struct {
	acc       channel.Account
	cfg       Config
	base      *url.URL
	bearer    string
	userToken string
	stall     time.Duration
	http      *http.Client // REST calls
	stream    *http.Client // the long-lived stream, no overall timeout
}

// New checks an account and builds its connector.
func New(acc channel.Account) (channel.Connector, error) {
	var cfg Config
	if err := acc.Decode(&cfg); err != nil {
		return nil, err
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	base, err := url.Parse(strings.TrimRight(cfg.API, "/"))
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, fmt.Errorf("x api %q is not a URL", cfg.API)
	}
	bearer, err := acc.Secret("bearer_token")
	if err != nil {
		return nil, err
	}
	return &Connector{acc: acc, cfg: cfg, base: base, bearer: bearer, userToken: acc.Secrets["user_access_token"],
		stall: time.Duration(cfg.StallSeconds) * time.Second, http: &http.Client{Timeout: 30 * time.Second}, stream: &http.Client{}}, nil
}

func (cfg *Config) check() error {
	if len(cfg.Rules) == 0 || len(cfg.Rules) > 1000 {
		return errors.New("x: give 1 to 1000 rules")
	}
	for _, r := range cfg.Rules {
		if strings.TrimSpace(r) == "" || utf8.RuneCountInString(r) > 1024 {
			return fmt.Errorf("x rule %q: 1 to 1024 characters", r)
		}
	}
	if cfg.API == "" {
		cfg.API = "https://api.x.com"
	}
	if cfg.StallSeconds == 0 {
		cfg.StallSeconds = 60
	}
	if cfg.StallSeconds < 1 || cfg.StallSeconds > 600 {
		return errors.New("x stall_seconds: 1 to 600")
	}
	return nil
}
