// Package meta connects Switchboard to a Facebook Page and an Instagram
// professional account through Meta's webhooks: GET verification
// (hub.mode, hub.verify_token, hub.challenge), POST events signed with
// X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret,
// compared in constant time; a bad signature is 401 and stores nothing):
// page feed comments and visitor posts, Instagram comments and mentions.
// Replies go through the Graph API comment endpoints.
package meta

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// The message channels of Meta's networks.
const (
	Facebook  = "facebook"
	Instagram = "instagram"
)

// Config is a Meta account: a Page and/or an Instagram account of one app.
type Config struct {
	PageID      string `json:"page_id,omitempty"`
	InstagramID string `json:"instagram_id,omitempty"`
	// GraphURL is the Graph API base with its version; default https://graph.facebook.com/v21.0.
	GraphURL string `json:"graph_url,omitempty"`
}

// Kind is the Meta connector's kind.
func Kind() channel.Kind {
	return channel.Kind{Name: "meta", Channels: []string{Facebook, Instagram},
		Secrets: []string{"app_secret", "verify_token", "page_access_token"}, New: New}
}

var idPattern = regexp.MustCompile(`^[0-9]{1,32}$`)

// Connector is one Meta account. Its events arrive through the webhook
// Handler; Run only marks it ready to receive them.
type Connector struct {
	acc         channel.Account
	cfg         Config
	appSecret   []byte
	verifyToken string
	pageToken   string
	graph       *url.URL
	http        *http.Client

	mu   sync.Mutex
	sink channel.Sink
}

// New checks an account and builds its connector.
func New(acc channel.Account) (channel.Connector, error) {
	var cfg Config
	if err := acc.Decode(&cfg); err != nil {
		return nil, err
	}
	if cfg.PageID == "" && cfg.InstagramID == "" {
		return nil, errors.New("meta: give page_id, instagram_id or both")
	}
	for name, v := range map[string]string{"page_id": cfg.PageID, "instagram_id": cfg.InstagramID} {
		if v != "" && !idPattern.MatchString(v) {
			return nil, fmt.Errorf("meta %s %q: want the numeric id", name, v)
		}
	}
	if cfg.GraphURL == "" {
		cfg.GraphURL = "https://graph.facebook.com/v21.0"
	}
	graph, err := url.Parse(strings.TrimRight(cfg.GraphURL, "/"))
	if err != nil || (graph.Scheme != "https" && graph.Scheme != "http") || graph.Host == "" {
		return nil, fmt.Errorf("meta graph_url %q is not a URL", cfg.GraphURL)
	}
	c := &Connector{acc: acc, cfg: cfg, graph: graph, http: &http.Client{Timeout: 20 * time.Second}}
	if err := c.secrets(acc); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Connector) secrets(acc channel.Account) error {
	secret, err := acc.Secret("app_secret")
	if err != nil {
		return err
	}
	if c.verifyToken, err = acc.Secret("verify_token"); err != nil {
		return err
	}
	if c.pageToken, err = acc.Secret("page_access_token"); err != nil {
		return err
	}
	c.appSecret = []byte(secret)
	return nil
}

// Run makes the account receive webhook events until ctx ends.
func (c *Connector) Run(ctx context.Context, sink channel.Sink) error {
	c.mu.Lock()
	c.sink = sink
	c.mu.Unlock()
	sink.Connected()
	<-ctx.Done()
	c.mu.Lock()
	c.sink = nil
	c.mu.Unlock()
	return nil
}

func (c *Connector) currentSink() channel.Sink {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sink
}

// owns says whether an entry id is this account's page or Instagram account.
func (c *Connector) owns(object, id string) bool {
	switch object {
	case "page":
		return id != "" && id == c.cfg.PageID
	case "instagram":
		return id != "" && id == c.cfg.InstagramID
	}
	return false
}
