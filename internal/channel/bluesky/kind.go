// Package bluesky connects Switchboard to Bluesky: Jetstream (v1 wire
// format, JSON over WebSocket) filtered on app.bsky.feed.post, keeping the
// posts that mention the account, answer it or contain a configured
// keyword; the cursor (time_us) is persisted and resumed with a few seconds
// of overlap that dedupe absorbs. Replies are posted with
// com.atproto.repo.createRecord, carrying reply root and parent refs, after
// com.atproto.server.createSession with an app password.
package bluesky

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// Channel is the message channel of Bluesky posts.
const Channel = "bluesky"

// Config is a Bluesky account's configuration.
type Config struct {
	// Jetstream is the Jetstream instance; default wss://jetstream2.us-east.bsky.network.
	Jetstream string `json:"jetstream,omitempty"`
	// Service is the account's PDS for sessions and posting; default https://bsky.social.
	Service string `json:"service,omitempty"`
	// AppView answers profiles and posts; default https://public.api.bsky.app.
	AppView string `json:"appview,omitempty"`
	// DID of the account; learned from the session when an app password is set.
	DID string `json:"did,omitempty"`
	// Keywords also select posts (case-insensitive, whole words).
	Keywords []string `json:"keywords,omitempty"`
	// OverlapSeconds replayed before the saved cursor on resume; default 5.
	OverlapSeconds int `json:"overlap_seconds,omitempty"`
}

// Kind is the Bluesky connector's kind.
func Kind() channel.Kind {
	return channel.Kind{Name: "bluesky", Channels: []string{Channel}, Secrets: []string{"app_password"}, New: New}
}

// Connector is one Bluesky account.
type Connector struct {
	acc      channel.Account
	cfg      Config
	handle   string
	password string
	http     *http.Client
	log      *slog.Logger
	profiles profileCache
	session  sessionState
	handled  atomic.Int64 // time_us of the newest event handled by this process
	// SaveEvery bounds how often the cursor of unmatched events is saved.
	SaveEvery time.Duration
}

// New checks an account and builds its connector.
func New(acc channel.Account) (channel.Connector, error) {
	var cfg Config
	if err := acc.Decode(&cfg); err != nil {
		return nil, err
	}
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	c := &Connector{acc: acc, cfg: cfg, handle: strings.ToLower(strings.TrimPrefix(acc.Handle, "@")),
		password: acc.Secrets["app_password"], http: &http.Client{Timeout: 30 * time.Second}, log: slog.Default(), SaveEvery: time.Second}
	if c.password == "" && cfg.DID == "" {
		return nil, errors.New("bluesky: give the app_password secret (to reply) or at least the account's did (to listen)")
	}
	return c, nil
}

func (cfg *Config) defaults() error {
	def := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	def(&cfg.Jetstream, "wss://jetstream2.us-east.bsky.network")
	def(&cfg.Service, "https://bsky.social")
	def(&cfg.AppView, "https://public.api.bsky.app")
	for name, v := range map[string]string{"jetstream": cfg.Jetstream, "service": cfg.Service, "appview": cfg.AppView} {
		u, err := url.Parse(v)
		if err != nil || u.Host == "" || !strings.Contains("ws wss http https", u.Scheme) || u.Scheme == "" {
			return fmt.Errorf("bluesky %s: %q is not a URL", name, v)
		}
	}
	if cfg.DID != "" && !strings.HasPrefix(cfg.DID, "did:") {
		return fmt.Errorf("bluesky did %q: want did:plc:… or did:web:…", cfg.DID)
	}
	if len(cfg.Keywords) > 100 {
		return errors.New("bluesky: at most 100 keywords")
	}
	for _, k := range cfg.Keywords {
		if k == "" || len(k) > 100 || !utf8.ValidString(k) {
			return fmt.Errorf("bluesky keyword %q: 1 to 100 bytes", k)
		}
	}
	if cfg.OverlapSeconds == 0 {
		cfg.OverlapSeconds = 5
	}
	if cfg.OverlapSeconds < 0 || cfg.OverlapSeconds > 3600 {
		return errors.New("bluesky overlap_seconds: 0 to 3600")
	}
	return nil
}
