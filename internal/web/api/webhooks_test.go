package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/webhook"
)

type hookSub struct {
	ID     int64    `json:"id"`
	Secret string   `json:"secret"`
	Events []string `json:"events"`
	Error  string   `json:"error"`
}

type attemptLog struct {
	Items []struct {
		StatusCode int    `json:"status_code"`
		Body       string `json:"body"`
		Error      string `json:"error"`
		DeliveryID int64  `json:"delivery_id"`
	} `json:"items"`
}

// A routed message reaches a subscriber signed; its log and redelivery work
// through the API, for admins only.
func TestWebhookSubscriptionDeliversRoutedMessages(t *testing.T) {
	h := newHarness(t)
	var mu sync.Mutex
	var got []webhook.Payload
	var secret string
	failFirst := true
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if err := webhook.Verify(secret, r.Header.Get(webhook.HeaderTimestamp), r.Header.Get(webhook.HeaderSignature), body, time.Now(), time.Minute); err != nil {
			t.Errorf("signature: %v", err)
		}
		if failFirst {
			failFirst = false
			http.Error(w, "not now", http.StatusBadGateway)
			return
		}
		var p webhook.Payload
		json.Unmarshal(body, &p)
		got = append(got, p)
	}))
	defer rcv.Close()

	agent := h.token("agent", h.user("ana@example.com", "agent"))
	if code := h.do("GET", "/api/v1/webhook-subscriptions", agent, "", "", nil); code != http.StatusForbidden {
		t.Fatalf("agent lists webhooks: %d, want 403", code)
	}
	var sub hookSub
	body := fmt.Sprintf(`{"url":%q,"events":["message.routed"]}`, rcv.URL)
	if code := h.do("POST", "/api/v1/webhook-subscriptions", h.admin, "application/json", body, &sub); code != http.StatusCreated || len(sub.Secret) < 32 {
		t.Fatalf("create: %d %+v", code, sub)
	}
	mu.Lock()
	secret = sub.Secret
	mu.Unlock()

	h.ingest(line("wh1", "my order never arrived, I want a refund"))
	path := fmt.Sprintf("/api/v1/webhook-subscriptions/%d", sub.ID)
	var log attemptLog
	waitUntil(t, "the first attempt", func() bool { return h.do("GET", path+"/attempts", h.admin, "", "", &log) == 200 && len(log.Items) == 1 })
	if a := log.Items[0]; a.StatusCode != 502 || !strings.Contains(a.Body, "not now") || a.Error == "" {
		t.Fatalf("failed attempt logged as %+v", a)
	}
	did := log.Items[0].DeliveryID
	if code := h.do("POST", fmt.Sprintf("/api/v1/webhook-subscriptions/%d/deliveries/%d/redeliver", sub.ID+1, did), h.admin, "", "", nil); code != http.StatusNotFound {
		t.Fatalf("redeliver through another subscription: %d, want 404", code)
	}
	for n := 1; n <= 2; n++ { // the retry waits 10 s: redeliver now, then again once delivered
		if code := h.do("POST", fmt.Sprintf("%s/deliveries/%d/redeliver", path, did), h.admin, "", "", nil); code != http.StatusAccepted {
			t.Fatalf("redeliver: %d", code)
		}
		waitUntil(t, "the redelivery", func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == n })
	}
	if p := got[0]; p.Type != "message.routed" || p.Message == nil || p.Message.ExternalID != "wh1" || p.Message.Department == "" || got[1].ID != p.ID {
		t.Fatalf("payloads %+v", got)
	}
	if h.do("GET", path+"/attempts", h.admin, "", "", &log); len(log.Items) != 3 || log.Items[0].StatusCode != 200 {
		t.Fatalf("delivery log %+v", log.Items)
	}
	if code := h.do("DELETE", path, h.admin, "", "", nil); code != http.StatusNoContent {
		t.Fatalf("delete: %d", code)
	}
	if code := h.do("GET", path, h.admin, "", "", nil); code != http.StatusNotFound {
		t.Fatalf("deleted subscription: %d, want 404", code)
	}
}

// Bad subscriptions are refused with a clear error and store nothing.
func TestWebhookSubscriptionInputErrors(t *testing.T) {
	h := newHarness(t)
	for _, body := range []string{
		`{"url":"ftp://erp.example.com/hook","events":["message.routed"]}`,
		`{"url":"https://erp.example.com/hook","events":["message.deleted"]}`,
		`{"url":"https://erp.example.com/hook","events":[]}`,
		`{"url":"https://erp.example.com/hook","secret":"short","events":["message.routed"]}`,
		`{"url":"https://erp.example.com/hook","events":["message.routed"],"colour":"red"}`,
	} {
		var res hookSub
		if code := h.do("POST", "/api/v1/webhook-subscriptions", h.admin, "application/json", body, &res); code != http.StatusBadRequest || res.Error == "" {
			t.Errorf("%s: %d %+v, want 400 with an error", body, code, res)
		}
	}
	var list struct{ Items []hookSub }
	if h.do("GET", "/api/v1/webhook-subscriptions", h.admin, "", "", &list); len(list.Items) != 0 {
		t.Fatalf("refused subscriptions stored: %+v", list.Items)
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}
