package mastodon_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// fake is a Mastodon server: REST timelines, notifications, thread
// context, posting statuses (with Idempotency-Key) and the WebSocket
// streaming API, with payloads shaped like the documented entities.
type fake struct {
	t     *testing.T
	srv   *httptest.Server
	token string

	mu        sync.Mutex
	home      map[int]string // id → status JSON
	notifs    map[int]string // id → notification JSON
	contexts  map[string]string
	posted    map[string]map[string]any // Idempotency-Key → request
	postCount int
	limited   int // answer 429 to this many timeline requests
	subs      []map[string]string
	push      chan []byte
	kick      chan struct{}
	streams   int // connections accepted
}

func newFake(t *testing.T) *fake {
	f := &fake{t: t, token: "good-token", home: map[int]string{}, notifs: map[int]string{}, contexts: map[string]string{},
		posted: map[string]map[string]any{}, push: make(chan []byte, 64), kick: make(chan struct{}, 1)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/streaming", f.streaming)
	mux.HandleFunc("GET /api/v1/timelines/home", f.timeline(func() map[int]string { return f.home }))
	mux.HandleFunc("GET /api/v1/notifications", f.timeline(func() map[int]string { return f.notifs }))
	mux.HandleFunc("GET /api/v1/statuses/{id}/context", f.context)
	mux.HandleFunc("POST /api/v1/statuses", f.post)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) authorized(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("Authorization") != "Bearer "+f.token {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"The access token is invalid"}`)
		return false
	}
	return true
}

// status is a Status entity as Mastodon's API documents it.
func status(id int, acct, html string, replyTo int) string {
	reply := "null"
	if replyTo > 0 {
		reply = strconv.Quote(strconv.Itoa(replyTo))
	}
	return fmt.Sprintf(`{"id":"%d","created_at":"2026-11-23T09:30:%02d.000Z","in_reply_to_id":%s,"in_reply_to_account_id":null,
"sensitive":false,"spoiler_text":"","visibility":"public","language":"fr","uri":"https://remote.example/users/x/statuses/%d",
"url":"https://remote.example/@x/%d","replies_count":0,"reblogs_count":0,"favourites_count":0,"edited_at":null,
"content":%s,"reblog":null,"application":null,"account":{"id":"42","username":"ana","acct":"%s","display_name":"Ana",
"locked":false,"bot":false,"created_at":"2020-01-01T00:00:00.000Z","note":"","url":"https://remote.example/@ana",
"followers_count":1280,"following_count":10,"statuses_count":100},"media_attachments":[],"mentions":[],"tags":[],"emojis":[],"card":null,"poll":null}`,
		id, id%60, reply, id, id, strconv.Quote(html), acct)
}

func mention(id int, st string) string {
	return fmt.Sprintf(`{"id":"%d","type":"mention","created_at":"2026-11-23T09:31:00.000Z","account":{"id":"42","username":"ana","acct":"ana@remote.example"},"status":%s}`, id, st)
}

// event is a streaming API message: the payload is JSON in a string.
func event(stream []string, name, payload string) []byte {
	b, _ := json.Marshal(map[string]any{"stream": stream, "event": name, "payload": payload})
	return b
}

func (f *fake) addHome(id int, st string) {
	f.mu.Lock()
	f.home[id] = st
	f.mu.Unlock()
}

func (f *fake) timeline(items func() map[int]string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !f.authorized(w, r) {
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.limited > 0 {
			f.limited--
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"error":"Too many requests"}`)
			return
		}
		q := r.URL.Query()
		since, _ := strconv.Atoi(q.Get("since_id"))
		maxID, _ := strconv.Atoi(q.Get("max_id"))
		limit, _ := strconv.Atoi(q.Get("limit"))
		var ids []int
		for id := range items() {
			if id > since && (maxID == 0 || id < maxID) {
				ids = append(ids, id)
			}
		}
		sort.Sort(sort.Reverse(sort.IntSlice(ids)))
		if limit > 0 && len(ids) > limit {
			ids = ids[:limit]
		}
		out := "["
		for i, id := range ids {
			if i > 0 {
				out += ","
			}
			out += items()[id]
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, out+"]")
	}
}

func (f *fake) context(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(w, r) {
		return
	}
	f.mu.Lock()
	c, ok := f.contexts[r.PathValue("id")]
	f.mu.Unlock()
	if !ok {
		c = `{"ancestors":[],"descendants":[]}`
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, c)
}

func (f *fake) post(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(w, r) {
		return
	}
	var req map[string]any
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req["status"] == "" {
		w.WriteHeader(http.StatusUnprocessableEntity)
		fmt.Fprint(w, `{"error":"Validation failed: Text can't be blank"}`)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	key := r.Header.Get("Idempotency-Key")
	if _, ok := f.posted[key]; !ok || key == "" {
		f.posted[key] = req
		f.postCount++
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, status(9000+len(f.posted), "acme", fmt.Sprint(req["status"]), 0))
}

func (f *fake) streaming(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(w, r) {
		return
	}
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer conn.CloseNow()
	f.mu.Lock()
	f.streams++
	f.mu.Unlock()
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	go f.readSubscriptions(ctx, conn, cancel)
	for {
		select {
		case <-ctx.Done():
			return
		case <-f.kick:
			return // drop the connection mid-stream
		case msg := <-f.push:
			if err := conn.Write(ctx, websocket.MessageText, msg); err != nil {
				return
			}
		}
	}
}

func (f *fake) readSubscriptions(ctx context.Context, conn *websocket.Conn, cancel func()) {
	defer cancel()
	for {
		var sub map[string]string
		_, raw, err := conn.Read(ctx)
		if err != nil {
			return
		}
		json.Unmarshal(raw, &sub)
		f.mu.Lock()
		f.subs = append(f.subs, sub)
		f.mu.Unlock()
	}
}

func (f *fake) streamCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.streams
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
