package bluesky

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

const maxAnswer = 4 << 20

// xrpc calls a method on base: GET with query q when in is nil, else POST
// of in as JSON. token, when set, is the session's access token.
func (c *Connector) xrpc(ctx context.Context, base, method string, q url.Values, in, out any, token string) (*http.Response, error) {
	u := strings.TrimRight(base, "/") + "/xrpc/" + method
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	verb, body := http.MethodGet, io.Reader(nil)
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		verb, body = http.MethodPost, bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, verb, u, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("bluesky %s: %w", method, err)
	}
	defer resp.Body.Close()
	if err := channel.CheckResponse(resp); err != nil {
		return resp, err
	}
	raw, err := channel.ReadLimited(resp.Body, maxAnswer)
	if err == nil && out != nil {
		err = json.Unmarshal(raw, out)
	}
	if err != nil {
		return resp, fmt.Errorf("bluesky %s: %w", method, err)
	}
	return resp, nil
}

// sessionState is the account's session, created once and renewed when it expires.
type sessionState struct {
	mu     sync.Mutex
	access string
	did    string
}

type session struct {
	AccessJwt string `json:"accessJwt"`
	DID       string `json:"did"`
	Handle    string `json:"handle"`
}

// login creates a session with the app password (fresh when renew).
func (c *Connector) login(ctx context.Context, renew bool) (string, string, error) {
	c.session.mu.Lock()
	defer c.session.mu.Unlock()
	if c.session.access != "" && !renew {
		return c.session.access, c.session.did, nil
	}
	var s session
	in := map[string]string{"identifier": c.handle, "password": c.password}
	if _, err := c.xrpc(ctx, c.cfg.Service, "com.atproto.server.createSession", nil, in, &s, ""); err != nil {
		return "", "", err
	}
	if s.AccessJwt == "" || !strings.HasPrefix(s.DID, "did:") {
		return "", "", fmt.Errorf("bluesky createSession: answer without a token or did")
	}
	c.session.access, c.session.did = s.AccessJwt, s.DID
	return s.AccessJwt, s.DID, nil
}

// accountDID is the account's DID: configured, or from its session.
func (c *Connector) accountDID(ctx context.Context) (string, error) {
	if c.cfg.DID != "" {
		return c.cfg.DID, nil
	}
	_, did, err := c.login(ctx, false)
	return did, err
}

// profile is what an author's profile gives a message.
type profile struct {
	DID            string `json:"did"`
	Handle         string `json:"handle"`
	DisplayName    string `json:"displayName"`
	FollowersCount int64  `json:"followersCount"`
}

// profileCache keeps recent authors' profiles.
type profileCache struct {
	mu sync.Mutex
	m  map[string]profile
}

// profileOf reads an author's profile from the AppView; on failure the DID
// stands for the handle (the message is kept).
func (c *Connector) profileOf(ctx context.Context, did string) profile {
	c.profiles.mu.Lock()
	p, ok := c.profiles.m[did]
	c.profiles.mu.Unlock()
	if ok {
		return p
	}
	if _, err := c.xrpc(ctx, c.cfg.AppView, "app.bsky.actor.getProfile", url.Values{"actor": {did}}, nil, &p, ""); err != nil || p.Handle == "" {
		return profile{DID: did, Handle: did}
	}
	c.profiles.mu.Lock()
	defer c.profiles.mu.Unlock()
	if c.profiles.m == nil || len(c.profiles.m) > 10_000 {
		c.profiles.m = map[string]profile{}
	}
	c.profiles.m[did] = p
	return p
}
