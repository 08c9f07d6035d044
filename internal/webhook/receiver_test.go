package webhook_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/webhook"
)

const secret = "a-secret-of-16-chars-or-more"

// receiver is an ERP's endpoint: it checks every signature and answers as
// its mode says, keeping the events it accepted in order per thread.
type receiver struct {
	t        *testing.T
	mu       sync.Mutex
	mode     func(n int) string // "ok", "fail" or "slow" for the n-th call (from 1)
	calls    int
	accepted map[string][]string // thread → event ids
	seen     map[string]int      // event id → times accepted
	srv      *httptest.Server
}

func newReceiver(t *testing.T, mode func(n int) string) *receiver {
	r := &receiver{t: t, mode: mode, accepted: map[string][]string{}, seen: map[string]int{}}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	if err := webhook.Verify(secret, req.Header.Get(webhook.HeaderTimestamp), req.Header.Get(webhook.HeaderSignature), body, time.Now(), time.Minute); err != nil {
		r.t.Errorf("signature: %v", err)
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var p webhook.Payload
	if err := json.Unmarshal(body, &p); err != nil || p.ID == "" || (p.Message == nil && p.Reply == nil && p.Incident == nil && p.Conversation == nil) {
		r.t.Errorf("payload %s: %v", body, err)
	}
	r.mu.Lock()
	r.calls++
	mode := r.mode(r.calls)
	if mode == "ok" {
		r.accepted[p.Thread] = append(r.accepted[p.Thread], p.ID)
		r.seen[p.ID]++
	}
	r.mu.Unlock()
	switch mode {
	case "fail":
		http.Error(w, "ERP down for maintenance", http.StatusServiceUnavailable)
	case "slow":
		select { // longer than the client waits
		case <-time.After(2 * time.Second):
		case <-req.Context().Done():
		}
	default:
		w.Write([]byte(`{"ok":true}`))
	}
}

func (r *receiver) setMode(mode func(n int) string) {
	r.mu.Lock()
	r.mode = mode
	r.mu.Unlock()
}

func (r *receiver) total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.seen)
}

// check fails unless every event of want was accepted once, in order per thread.
func (r *receiver) check(want map[string][]string) {
	r.t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for thread, ids := range want {
		got := r.accepted[thread]
		if len(got) != len(ids) {
			r.t.Fatalf("thread %s: accepted %v, want %v", thread, got, ids)
		}
		for i := range ids {
			if got[i] != ids[i] {
				r.t.Fatalf("thread %s: accepted %v, want %v (in order)", thread, got, ids)
			}
		}
	}
	for id, n := range r.seen {
		if n != 1 {
			r.t.Errorf("event %s accepted %d times", id, n)
		}
	}
}

func always(mode string) func(int) string { return func(int) string { return mode } }
