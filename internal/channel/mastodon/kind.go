// Package mastodon connects Switchboard to a Mastodon account: the streaming
// API over WebSocket (user, notification, hashtag, list and public streams),
// catch-up through the REST timelines with since_id after every reconnect
// (the stream has no replay), thread context from /api/v1/statuses/:id/context,
// and replies with POST /api/v1/statuses, in_reply_to_id and an
// Idempotency-Key so a retried reply is posted once.
package mastodon

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// Channel is the message channel of Mastodon posts.
const Channel = "mastodon"

// Config is a Mastodon account's configuration.
type Config struct {
	// Server is the instance's base URL, https://mastodon.example.
	Server string `json:"server"`
	// Streams to follow: user (home timeline and notifications),
	// user:notification, public, public:local, hashtag:NAME, list:ID.
	// Default: user.
	Streams []string `json:"streams,omitempty"`
	// StreamingURL is the streaming API's base when the instance serves it
	// on another host (its /api/v2/instance configuration.urls.streaming).
	StreamingURL string `json:"streaming_url,omitempty"`
	// Context fetches the ancestors of replies whose parent was not seen.
	Context *bool `json:"context,omitempty"`
	// ReplyVisibility of posted replies: public (default), unlisted, private, direct.
	ReplyVisibility string `json:"reply_visibility,omitempty"`
}

// Kind is the Mastodon connector's kind.
func Kind() channel.Kind {
	return channel.Kind{Name: "mastodon", Channels: []string{Channel}, Secrets: []string{"access_token"}, New: New}
}

var (
	tagPattern  = regexp.MustCompile(`^[\p{L}\p{N}_]{1,100}$`)
	listPattern = regexp.MustCompile(`^[0-9]{1,30}$`)
)

// Connector is one Mastodon account.
type Connector struct {
	acc     channel.Account
	cfg     Config
	base    *url.URL
	token   string
	streams []stream
	http    *http.Client
	seen    seenSet
	logger  *slog.Logger
	// Idle is how long the stream may stay silent before a ping; tests shorten it.
	Idle time.Duration
}

// New checks an account and builds its connector.
func New(acc channel.Account) (channel.Connector, error) {
	var cfg Config
	if err := acc.Decode(&cfg); err != nil {
		return nil, err
	}
	base, err := parseServer(cfg.Server)
	if err != nil {
		return nil, err
	}
	token, err := acc.Secret("access_token")
	if err != nil {
		return nil, err
	}
	if len(cfg.Streams) == 0 {
		cfg.Streams = []string{"user"}
	}
	if cfg.StreamingURL != "" {
		u, err := url.Parse(cfg.StreamingURL)
		if err != nil || (u.Scheme != "wss" && u.Scheme != "ws" && u.Scheme != "https") || u.Host == "" {
			return nil, errors.New(`streaming_url: want "wss://streaming.mastodon.example"`)
		}
	}
	streams, err := parseStreams(cfg.Streams)
	if err != nil {
		return nil, err
	}
	switch cfg.ReplyVisibility {
	case "":
		cfg.ReplyVisibility = "public"
	case "public", "unlisted", "private", "direct":
	default:
		return nil, fmt.Errorf("reply_visibility %q: want public, unlisted, private or direct", cfg.ReplyVisibility)
	}
	return &Connector{acc: acc, cfg: cfg, base: base, token: token, streams: streams,
		http: &http.Client{Timeout: 30 * time.Second}, Idle: time.Minute, logger: slog.Default()}, nil
}

func parseServer(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(s, "/"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" {
		return nil, errors.New(`server: want the instance's base URL, like "https://mastodon.example"`)
	}
	return u, nil
}

// stream is one subscription and the REST timeline that catches it up.
type stream struct {
	name     string // the streaming API's stream name
	param    string // tag or list id
	timeline string // cursor key
}

func parseStreams(names []string) ([]stream, error) {
	var out []stream
	for _, n := range names {
		kind, arg, _ := strings.Cut(n, ":")
		switch {
		case n == "user":
			out = append(out, stream{name: "user", timeline: "home"}, stream{name: "user:notification", timeline: "notifications"})
		case n == "user:notification":
			out = append(out, stream{name: n, timeline: "notifications"})
		case n == "public" || n == "public:local":
			out = append(out, stream{name: n, timeline: n})
		case kind == "hashtag" && tagPattern.MatchString(arg):
			out = append(out, stream{name: "hashtag", param: arg, timeline: "tag:" + strings.ToLower(arg)})
		case kind == "list" && listPattern.MatchString(arg):
			out = append(out, stream{name: "list", param: arg, timeline: "list:" + arg})
		default:
			return nil, fmt.Errorf("stream %q: want user, user:notification, public, public:local, hashtag:NAME or list:ID", n)
		}
	}
	return dedupeStreams(out), nil
}

func dedupeStreams(in []stream) []stream {
	seen := map[string]bool{}
	var out []stream
	for _, s := range in {
		if !seen[s.timeline] {
			seen[s.timeline] = true
			out = append(out, s)
		}
	}
	return out
}

func (c *Connector) log(format string, args ...any) {
	c.logger.Warn(fmt.Sprintf(format, args...), "kind", "mastodon", "account", c.acc.ID)
}
