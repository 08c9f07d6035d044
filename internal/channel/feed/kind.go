// Package feed follows blogs, forums and news through their RSS, Atom or
// JSON feeds, comment feeds included: each feed is polled on a schedule
// with a conditional GET (ETag / Last-Modified), parsed with gofeed, and
// its new items become messages (dedupe drops the ones already seen).
// Feeds cannot be answered: replies go through the site itself.
package feed

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// Channel is the message channel of feed items.
const Channel = "rss"

// Config is a feed account: the feeds it polls.
type Config struct {
	URLs []string `json:"urls"`
	// IntervalSeconds between polls of each feed; default 300, at least 1.
	IntervalSeconds int `json:"interval_seconds,omitempty"`
}

// Kind is the feed connector's kind.
func Kind() channel.Kind {
	return channel.Kind{Name: "feed", Channels: []string{Channel}, New: New}
}

// Connector polls an account's feeds.
type Connector struct {
	acc      channel.Account
	urls     []string
	interval time.Duration
	http     *http.Client
	parser   *gofeed.Parser
	log      *slog.Logger
}

// New checks an account and builds its connector.
func New(acc channel.Account) (channel.Connector, error) {
	var cfg Config
	if err := acc.Decode(&cfg); err != nil {
		return nil, err
	}
	if len(cfg.URLs) == 0 || len(cfg.URLs) > 500 {
		return nil, errors.New("feed: give 1 to 500 urls")
	}
	for _, u := range cfg.URLs {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || len(u) > 2048 {
			return nil, fmt.Errorf("feed url %q: want http(s)://…", u)
		}
	}
	if cfg.IntervalSeconds == 0 {
		cfg.IntervalSeconds = 300
	}
	if cfg.IntervalSeconds < 1 || cfg.IntervalSeconds > 86400 {
		return nil, errors.New("feed interval_seconds: 1 to 86400")
	}
	return &Connector{acc: acc, urls: cfg.URLs, interval: time.Duration(cfg.IntervalSeconds) * time.Second,
		http: &http.Client{Timeout: 30 * time.Second}, parser: gofeed.NewParser(), log: slog.Default()}, nil
}
