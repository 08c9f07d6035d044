package bluesky_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/coder/websocket"
)

const (
	acmeDID = "did:plc:acme"
	anaDID  = "did:plc:ana"
	t0      = int64(1725911162000000)
)

// fake is Jetstream (/subscribe, v1 JSON events, cursor replay) and the
// XRPC methods the connector calls, on one server.
type fake struct {
	srv *httptest.Server

	mu        sync.Mutex
	events    []string // ordered by time_us
	dropAfter int      // close the first connection after this many events
	limited   int      // answer 429 to this many subscriptions
	cursors   []string // the cursor of each subscription
	conns     int
	records   map[string]map[string]any // rkey → createRecord input
	creates   int
}

func newFake(t *testing.T) *fake {
	f := &fake{records: map[string]map[string]any{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /subscribe", f.subscribe)
	mux.HandleFunc("POST /xrpc/com.atproto.server.createSession", f.createSession)
	mux.HandleFunc("GET /xrpc/app.bsky.actor.getProfile", f.getProfile)
	mux.HandleFunc("GET /xrpc/app.bsky.feed.getPosts", f.getPosts)
	mux.HandleFunc("GET /xrpc/com.atproto.repo.getRecord", f.getRecord)
	mux.HandleFunc("POST /xrpc/com.atproto.repo.createRecord", f.createRecord)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// post is a Jetstream commit event creating an app.bsky.feed.post.
func post(i int, did, rkey, record string) string {
	return fmt.Sprintf(`{"did":%q,"time_us":%d,"kind":"commit","commit":{"rev":"3l3qo2vutsw2b","operation":"create",`+
		`"collection":"app.bsky.feed.post","rkey":%q,"record":%s,"cid":"bafyrei%s"}}`, did, t0+int64(i)*1_000_000, rkey, record, rkey)
}

func record(text, extra string) string {
	return `{"$type":"app.bsky.feed.post","createdAt":"2024-09-09T19:46:02.102Z","langs":["fr"],"text":` + strconv.Quote(text) + extra + `}`
}

func writeJSON(w http.ResponseWriter, code int, v string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	fmt.Fprint(w, v)
}

func (f *fake) subscribe(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	if r.URL.Query().Get("wantedCollections") != "app.bsky.feed.post" {
		f.mu.Unlock()
		writeJSON(w, 400, `{"error":"wantedCollections"}`)
		return
	}
	if f.limited > 0 {
		f.limited--
		f.mu.Unlock()
		w.Header().Set("Retry-After", "1")
		writeJSON(w, 429, `{"error":"RateLimitExceeded"}`)
		return
	}
	cursor := r.URL.Query().Get("cursor")
	f.cursors = append(f.cursors, cursor)
	f.conns++
	first := f.conns == 1
	events := append([]string(nil), f.events...)
	f.mu.Unlock()
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer conn.CloseNow()
	from, _ := strconv.ParseInt(cursor, 10, 64)
	sent := 0
	for _, ev := range events {
		var e struct {
			TimeUS int64 `json:"time_us"`
		}
		json.Unmarshal([]byte(ev), &e)
		if e.TimeUS != 0 && e.TimeUS < from {
			continue
		}
		if first && f.dropAfter > 0 && sent == f.dropAfter {
			return // the connection drops mid-stream
		}
		if conn.Write(r.Context(), websocket.MessageText, []byte(ev)) != nil {
			return
		}
		sent++
	}
	conn.Read(r.Context()) // live: wait for the client to leave
}

func (f *fake) createSession(w http.ResponseWriter, r *http.Request) {
	var in map[string]string
	json.NewDecoder(r.Body).Decode(&in)
	if in["identifier"] != "acme.bsky.social" || in["password"] != "app-pass" {
		writeJSON(w, 401, `{"error":"AuthenticationRequired","message":"Invalid identifier or password"}`)
		return
	}
	writeJSON(w, 200, `{"accessJwt":"jwt-1","refreshJwt":"r-1","handle":"acme.bsky.social","did":"`+acmeDID+`","active":true}`)
}

func (f *fake) getProfile(w http.ResponseWriter, r *http.Request) {
	did := r.URL.Query().Get("actor")
	handle := strings.TrimPrefix(did, "did:plc:") + ".bsky.social"
	writeJSON(w, 200, fmt.Sprintf(`{"did":%q,"handle":%q,"displayName":"Ana","followersCount":321,"followsCount":5,"postsCount":9}`, did, handle))
}

func (f *fake) getPosts(w http.ResponseWriter, r *http.Request) {
	uri := r.URL.Query().Get("uris")
	reply := ""
	if strings.HasSuffix(uri, "/r6") { // a reply in a thread rooted at acme's post
		reply = `,"reply":{"root":{"uri":"at://did:plc:acme/app.bsky.feed.post/root1","cid":"bafyroot1"},"parent":{"uri":"at://did:plc:acme/app.bsky.feed.post/root1","cid":"bafyroot1"}}`
	}
	rkey := uri[strings.LastIndexByte(uri, '/')+1:]
	writeJSON(w, 200, fmt.Sprintf(`{"posts":[{"uri":%q,"cid":"bafyrei%s","author":{"did":"%s","handle":"ana.bsky.social"},"record":%s,"indexedAt":"2024-09-09T19:46:03Z"}]}`,
		uri, rkey, anaDID, record("x", reply)))
}

func (f *fake) getRecord(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.mu.Lock()
	rec, ok := f.records[q.Get("rkey")]
	f.mu.Unlock()
	if !ok {
		writeJSON(w, 400, `{"error":"RecordNotFound","message":"Could not locate record"}`)
		return
	}
	b, _ := json.Marshal(map[string]any{"uri": "at://" + q.Get("repo") + "/app.bsky.feed.post/" + q.Get("rkey"), "cid": "bafynew", "value": rec["record"]})
	writeJSON(w, 200, string(b))
}

func (f *fake) createRecord(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer jwt-1" {
		writeJSON(w, 400, `{"error":"ExpiredToken","message":"Token has expired"}`)
		return
	}
	var in map[string]any
	json.NewDecoder(r.Body).Decode(&in)
	rkey, _ := in["rkey"].(string)
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.records[rkey]; ok {
		writeJSON(w, 400, `{"error":"InvalidRequest","message":"Record already exists"}`)
		return
	}
	f.records[rkey] = in
	f.creates++
	writeJSON(w, 200, `{"uri":"at://`+acmeDID+`/app.bsky.feed.post/`+rkey+`","cid":"bafynew"}`)
}
