package api_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// newChannelHarness serves the API of an app with a secrets key, its
// accounts service and the Meta webhook.
func newChannelHarness(t *testing.T, key string) *harness {
	t.Helper()
	t.Setenv(channel.SecretKeyEnv, key)
	ctx, cancel := context.WithCancel(context.Background())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(ctx, app.Options{DataDir: t.TempDir(), Log: log, Processor: pipeline.ProcessorConfig{AckWait: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { a.Run(ctx); close(done) }()
	srv := &api.Server{Store: a.Store, Bus: a.Bus, Router: a.Router, Log: log, Gatherer: a.Registry, Version: "test",
		Channels: a.Channels, MetaWebhook: a.MetaWebhook}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { hs.Close(); cancel(); <-done; a.Close() })
	h := &harness{t: t, url: hs.URL, app: a}
	h.admin = h.token("admin", 0)
	return h
}

type accountView struct {
	ID      int64    `json:"id"`
	Kind    string   `json:"kind"`
	Enabled bool     `json:"enabled"`
	Secrets []string `json:"secrets"`
	State   struct {
		Status string `json:"status"`
	} `json:"state"`
}

func TestAccountsAPIAndMetaWebhook(t *testing.T) {
	h := newChannelHarness(t, channeltest.NewKey())
	var kinds struct {
		Items []struct{ Name string } `json:"items"`
	}
	if code := h.do("GET", "/api/v1/channels", h.admin, "", "", &kinds); code != 200 || len(kinds.Items) < 3 {
		t.Fatalf("kinds: %d %+v", code, kinds)
	}
	body := `{"kind":"meta","handle":"acme","config":{"page_id":"1234"},"secrets":{"app_secret":"s3cret","verify_token":"vt","page_access_token":"pt"}}`
	var acc accountView
	if code := h.do("POST", "/api/v1/accounts", h.admin, "application/json", body, &acc); code != 201 || acc.ID == 0 || len(acc.Secrets) != 3 {
		t.Fatalf("create: %d %+v", code, acc)
	}
	var raw string
	h.app.Store.DB().QueryRow(`SELECT secrets FROM accounts WHERE id = ?`, acc.ID).Scan(&raw)
	if raw == "" || strings.Contains(raw, "s3cret") {
		t.Fatalf("secrets stored as %q", raw)
	}
	var errBody map[string]string
	if code := h.do("POST", "/api/v1/accounts", h.admin, "application/json", `{"kind":"meta","handle":"x","config":{}}`, &errBody); code != 400 {
		t.Fatalf("invalid account: %d %v", code, errBody)
	}
	if code := h.do("POST", "/api/v1/accounts", h.admin, "application/json", body, &errBody); code != 409 {
		t.Fatalf("duplicate account: %d %v", code, errBody)
	}
	agent := h.token("agent", 0)
	if code := h.do("POST", "/api/v1/accounts", agent, "application/json", body, nil); code != 403 {
		t.Fatalf("agent created an account: %d", code)
	}
	// The supervisor starts it; Meta's verification then goes through the public route.
	waitConnected(t, h, acc.ID)
	resp, err := http.Get(h.url + "/api/v1/webhooks/meta?hub.mode=subscribe&hub.verify_token=vt&hub.challenge=42")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "42" {
		t.Fatalf("verification: %d %q", resp.StatusCode, b)
	}
	payload := `{"object":"page","entry":[{"id":"1234","time":1763890200,"changes":[{"field":"feed","value":{"from":{"id":"77","name":"Jo"},"message":"où est ma commande ?","post_id":"1234_1","comment_id":"1_2","created_time":1763890200,"item":"comment","parent_id":"1234_1","verb":"add"}}]}]}`
	mac := hmac.New(sha256.New, []byte("s3cret"))
	mac.Write([]byte(payload))
	req, _ := http.NewRequest("POST", h.url+"/api/v1/webhooks/meta", strings.NewReader(payload))
	req.Header.Set("X-Hub-Signature-256", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("webhook: %v %v", resp, err)
	}
	h.waitStored(1)
	if code := h.do("PATCH", fmt.Sprintf("/api/v1/accounts/%d", acc.ID), h.admin, "application/json", `{"config":{"page_id":"1234"},"enabled":false}`, &acc); code != 200 || acc.Enabled || len(acc.Secrets) != 3 {
		t.Fatalf("disable: %d %+v", code, acc)
	}
	if code := h.do("DELETE", fmt.Sprintf("/api/v1/accounts/%d", acc.ID), h.admin, "", "", nil); code != 204 {
		t.Fatalf("delete: %d", code)
	}
}

func TestAccountSecretsNeedAKey(t *testing.T) {
	h := newChannelHarness(t, "")
	var errBody map[string]string
	body := `{"kind":"meta","handle":"acme","config":{"page_id":"1234"},"secrets":{"app_secret":"s","verify_token":"v","page_access_token":"p"}}`
	if code := h.do("POST", "/api/v1/accounts", h.admin, "application/json", body, &errBody); code != 422 || !strings.Contains(errBody["error"], channel.SecretKeyEnv) {
		t.Fatalf("without a key: %d %v", code, errBody)
	}
}

func waitConnected(t *testing.T, h *harness, id int64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var v accountView
		h.do("GET", fmt.Sprintf("/api/v1/accounts/%d", id), h.admin, "", "", &v)
		if v.State.Status == "connected" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("account %d: %s", id, v.State.Status)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
