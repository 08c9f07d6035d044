package xapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	bearer    = "app-bearer"
	userToken = "user-token"
)

// fake is the X API v2: stream rules, the filtered stream (NDJSON with
// keep-alives), recent search and posting, with X's error shapes.
type fake struct {
	srv *httptest.Server

	mu        sync.Mutex
	rules     []map[string]string
	deleted   []string
	added     []string
	stream    [][]string // the lines of each successive connection
	conns     int
	limited   int
	searches  []string // since_id of each catch-up search
	gap       []string // posts only the search finds
	posted    []map[string]any
	myReplies []string
}

func newFake(t *testing.T) *fake {
	f := &fake{rules: []map[string]string{
		{"id": "1", "value": "@acme", "tag": "switchboard"},
		{"id": "2", "value": "old rule", "tag": "switchboard"},
		{"id": "3", "value": "theirs", "tag": "marketing"},
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2/tweets/search/stream/rules", f.getRules)
	mux.HandleFunc("POST /2/tweets/search/stream/rules", f.postRules)
	mux.HandleFunc("GET /2/tweets/search/stream", f.filtered)
	mux.HandleFunc("GET /2/tweets/search/recent", f.search)
	mux.HandleFunc("POST /2/tweets", f.post)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func reply(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	fmt.Fprint(w, body)
}

func (f *fake) auth(w http.ResponseWriter, r *http.Request, token string) bool {
	if r.Header.Get("Authorization") != "Bearer "+token {
		reply(w, 401, `{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`)
		return false
	}
	return true
}

// tweet is a filtered stream line as documented, with the author expanded.
func tweet(id int, text string, replyTo int) string {
	refs := ""
	if replyTo > 0 {
		refs = fmt.Sprintf(`,"referenced_tweets":[{"type":"replied_to","id":"%d"}]`, replyTo)
	}
	return fmt.Sprintf(`{"data":{"id":"%d","text":%q,"author_id":"2244994945","created_at":"2026-11-23T09:30:00.000Z","lang":"fr","edit_history_tweet_ids":["%d"]%s},`+
		`"includes":{"users":[{"id":"2244994945","name":"Léa","username":"lea_b","public_metrics":{"followers_count":5120,"following_count":3,"tweet_count":10,"listed_count":0}}]},`+
		`"matching_rules":[{"id":"1","tag":"switchboard"}]}`, id, text, id, refs)
}

func (f *fake) getRules(w http.ResponseWriter, r *http.Request) {
	if !f.auth(w, r, bearer) {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	b, _ := json.Marshal(map[string]any{"data": f.rules, "meta": map[string]any{"sent": "2026-11-23T09:00:00.000Z", "result_count": len(f.rules)}})
	reply(w, 200, string(b))
}

func (f *fake) postRules(w http.ResponseWriter, r *http.Request) {
	if !f.auth(w, r, bearer) {
		return
	}
	var in struct {
		Add    []map[string]string `json:"add"`
		Delete struct {
			IDs []string `json:"ids"`
		} `json:"delete"`
	}
	json.NewDecoder(r.Body).Decode(&in)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deleted = append(f.deleted, in.Delete.IDs...)
	f.rules = slices.DeleteFunc(f.rules, func(r map[string]string) bool { return slices.Contains(in.Delete.IDs, r["id"]) })
	for i, a := range in.Add {
		f.added = append(f.added, a["value"])
		f.rules = append(f.rules, map[string]string{"id": strconv.Itoa(100 + len(f.added) + i), "value": a["value"], "tag": a["tag"]})
	}
	reply(w, 200, `{"meta":{"sent":"2026-11-23T09:00:00.000Z","summary":{"created":1,"not_created":0,"valid":1,"invalid":0}}}`)
}

func (f *fake) filtered(w http.ResponseWriter, r *http.Request) {
	if !f.auth(w, r, bearer) {
		return
	}
	f.mu.Lock()
	if f.limited > 0 {
		f.limited--
		f.mu.Unlock()
		w.Header().Set("x-rate-limit-reset", strconv.FormatInt(time.Now().Add(time.Second).Unix(), 10))
		reply(w, 429, `{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}`)
		return
	}
	var lines []string
	if f.conns < len(f.stream) {
		lines = f.stream[f.conns]
	}
	f.conns++
	last := f.conns == len(f.stream)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fl := w.(http.Flusher)
	for _, l := range lines {
		fmt.Fprint(w, l+"\r\n")
		fl.Flush()
	}
	if !last {
		return // the connection drops mid-stream
	}
	for { // keep-alives until the client leaves
		select {
		case <-r.Context().Done():
			return
		case <-time.After(50 * time.Millisecond):
			fmt.Fprint(w, "\r\n")
			fl.Flush()
		}
	}
}

func (f *fake) search(w http.ResponseWriter, r *http.Request) {
	if !f.auth(w, r, bearer) {
		return
	}
	q := r.URL.Query()
	f.mu.Lock()
	defer f.mu.Unlock()
	var items []string
	if strings.HasPrefix(q.Get("query"), "from:") {
		items = f.myReplies
	} else {
		f.searches = append(f.searches, q.Get("since_id"))
		items = f.gap
	}
	reply(w, 200, `{"data":[`+strings.Join(items, ",")+`],"includes":{"users":[{"id":"2244994945","name":"Léa","username":"lea_b","public_metrics":{"followers_count":5120}}]},"meta":{"result_count":`+strconv.Itoa(len(items))+`}}`)
}

func (f *fake) post(w http.ResponseWriter, r *http.Request) {
	if !f.auth(w, r, userToken) {
		return
	}
	var in map[string]any
	json.NewDecoder(r.Body).Decode(&in)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.posted = append(f.posted, in)
	id := strconv.Itoa(9000 + len(f.posted))
	f.myReplies = append(f.myReplies, fmt.Sprintf(`{"id":%q,"text":%q,"created_at":"2026-11-23T10:00:00.000Z","author_id":"1"}`, id, in["text"]))
	reply(w, 201, `{"data":{"id":"`+id+`","text":`+strconv.Quote(fmt.Sprint(in["text"]))+`,"edit_history_tweet_ids":["`+id+`"]}}`)
}
