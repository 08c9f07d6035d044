package meta_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/channel/meta"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
)

const (
	pageID    = "1234567890"
	igID      = "17841400000000000"
	appSecret = "app-secret"
	token     = "page-token"
)

// graph is the Graph API: comments, replies, mentions, with its error shapes.
type graph struct {
	srv     *httptest.Server
	mu      sync.Mutex
	limited int
	posts   map[string][]map[string]any // parent id → replies posted
	count   int
}

func newGraph(t *testing.T) *graph {
	g := &graph{posts: map[string][]map[string]any{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v21.0/{id}", g.node)
	mux.HandleFunc("GET /v21.0/{id}/{edge}", g.list)
	mux.HandleFunc("POST /v21.0/{id}/{edge}", g.post)
	g.srv = httptest.NewServer(mux)
	t.Cleanup(g.srv.Close)
	return g
}

func graphJSON(w http.ResponseWriter, code int, v string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	io.WriteString(w, v)
}

func (g *graph) auth(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("Authorization") != "Bearer "+token {
		graphJSON(w, 400, `{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463}}`)
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.limited > 0 {
		g.limited--
		graphJSON(w, 400, `{"error":{"message":"Application request limit reached","type":"OAuthException","code":4}}`)
		return false
	}
	return true
}

func (g *graph) node(w http.ResponseWriter, r *http.Request) {
	if !g.auth(w, r) {
		return
	}
	f := r.URL.Query().Get("fields")
	if strings.HasPrefix(f, "mentioned_comment.comment_id(17900000000000001)") {
		graphJSON(w, 200, `{"mentioned_comment":{"timestamp":"2026-11-23T09:30:00+0000","text":"@acme vos frais de port sont abusifs","id":"17900000000000001","username":"lea"},"id":"`+igID+`"}`)
		return
	}
	graphJSON(w, 400, `{"error":{"message":"Unsupported get request","type":"GraphMethodException","code":100}}`)
}

func (g *graph) list(w http.ResponseWriter, r *http.Request) {
	if !g.auth(w, r) {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	data, _ := json.Marshal(map[string]any{"data": g.posts[r.PathValue("id")]})
	graphJSON(w, 200, string(data))
}

func (g *graph) post(w http.ResponseWriter, r *http.Request) {
	if !g.auth(w, r) {
		return
	}
	r.ParseForm()
	g.mu.Lock()
	defer g.mu.Unlock()
	g.count++
	id := fmt.Sprintf("reply-%d", g.count)
	from := pageID
	if r.PathValue("edge") != "comments" {
		from = igID
	}
	g.posts[r.PathValue("id")] = append(g.posts[r.PathValue("id")], map[string]any{"id": id, "message": r.Form.Get("message"), "from": map[string]string{"id": from, "name": "Acme"}})
	graphJSON(w, 200, `{"id":"`+id+`"}`)
}

type env struct {
	*channeltest.Env
	hook  *httptest.Server
	graph *graph
	acc   store.Account
}

func setup(t *testing.T) *env { return setupWith(t, token) }

func setupWith(t *testing.T, pageToken string) *env {
	g := newGraph(t)
	e := channeltest.New(t, meta.Kind())
	acc := e.Add(t, channel.AccountInput{Kind: "meta", Handle: "acme",
		Config:  json.RawMessage(`{"page_id":"` + pageID + `","instagram_id":"` + igID + `","graph_url":"` + g.srv.URL + `/v21.0"}`),
		Secrets: map[string]string{"app_secret": appSecret, "verify_token": "verify-me", "page_access_token": pageToken}})
	e.Start(t)
	e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "connected" })
	hook := httptest.NewServer(meta.Handler(e.Sup))
	t.Cleanup(hook.Close)
	return &env{Env: e, hook: hook, graph: g, acc: acc}
}

func sign(body string) string {
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write([]byte(body))
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

func (e *env) send(t *testing.T, body, sig string) int {
	req, _ := http.NewRequest("POST", e.hook.URL, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set("X-Hub-Signature-256", sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func feed(value string) string {
	return `{"object":"page","entry":[{"id":"` + pageID + `","time":1763890200,"changes":[{"field":"feed","value":` + value + `}]}]}`
}

const comment = `{"from":{"id":"24242424","name":"Jean Dupont"},"post":{"status_type":"added_photos","is_published":true,"updated_time":"2026-11-23T09:30:00+0000","permalink_url":"https://www.facebook.com/acme/posts/1","promotion_status":"inactive","id":"1234567890_111"},` +
	`"message":"Toujours pas remboursé !","post_id":"1234567890_111","comment_id":"111_222","created_time":1763890200,"item":"comment","parent_id":"1234567890_111","verb":"add"}`

func TestVerification(t *testing.T) {
	e := setup(t)
	get := func(q string) (int, string) {
		resp, err := http.Get(e.hook.URL + "?" + q)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"); code != 200 || body != "1158201444" {
		t.Fatalf("verification: %d %q", code, body)
	}
	if code, _ := get("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444"); code != 403 {
		t.Fatalf("wrong token: %d", code)
	}
}

func TestSignedEventsOnlyAndDedupe(t *testing.T) {
	e := setup(t)
	body := feed(comment)
	if code := e.send(t, body, sign(body+" ")); code != 401 {
		t.Fatalf("bad signature: %d", code)
	}
	if code := e.send(t, body, ""); code != 401 {
		t.Fatalf("no signature: %d", code)
	}
	if n, d := len(e.Ingested(t)), len(e.DeadLetters(t)); n != 0 || d != 0 {
		t.Fatalf("unsigned calls stored %d messages, %d dead letters", n, d)
	}
	for range 2 { // Meta redelivers
		if code := e.send(t, body, sign(body)); code != 200 {
			t.Fatalf("signed: %d", code)
		}
	}
	own := feed(strings.Replace(comment, `"24242424"`, `"`+pageID+`"`, 1))
	edit := feed(strings.Replace(comment, `"verb":"add"`, `"verb":"edited"`, 1))
	for _, b := range []string{own, edit} {
		if code := e.send(t, b, sign(b)); code != 200 {
			t.Fatalf("skipped change: %d", code)
		}
	}
	msgs := e.Ingested(t)
	if len(msgs) != 1 {
		t.Fatalf("ingested %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if m.Channel != "facebook" || m.ExternalID != "111_222" || m.InReplyTo != "1234567890_111" || m.Text != "Toujours pas remboursé !" ||
		m.Author.Handle != "24242424" || m.Author.Name != "Jean Dupont" || m.CreatedAt.Unix() != 1763890200 {
		t.Fatalf("message %+v", m)
	}
}

func TestInstagramCommentsMentionsAndDeadLetters(t *testing.T) {
	e := setup(t)
	body := `{"object":"instagram","entry":[{"id":"` + igID + `","time":1763890200,"changes":[` +
		`{"field":"comments","value":{"from":{"id":"232323","username":"lea"},"media":{"id":"123123","media_product_type":"FEED"},"id":"17865799348089039","text":"Livraison en retard"}},` +
		`{"field":"mentions","value":{"media_id":"17887498072083520","comment_id":"17900000000000001"}},` +
		`{"field":"comments","value":"not an object"}]}]}`
	if code := e.send(t, body, sign(body)); code != 200 {
		t.Fatalf("instagram: %d", code)
	}
	got := channeltest.Keys(e.Ingested(t))
	if !slices.Equal(got, []string{"17865799348089039", "mention-17887498072083520-17900000000000001"}) {
		t.Fatalf("ingested %v", got)
	}
	dl := e.DeadLetters(t)
	if len(dl) != 1 || dl[0].Payload != `"not an object"` || !strings.Contains(dl[0].Reason, "comments") {
		t.Fatalf("dead letters %+v", dl)
	}
	junk := `{"object":"page","entry":[`
	if code := e.send(t, junk, sign(junk)); code != 200 || len(e.DeadLetters(t)) != 2 {
		t.Fatalf("malformed signed payload: %d, %d dead letters", code, len(e.DeadLetters(t)))
	}
	other := `{"object":"page","entry":[{"id":"999","time":1,"changes":[]}]}`
	if code := e.send(t, other, sign(other)); code != 200 || len(e.DeadLetters(t)) != 3 {
		t.Fatalf("unknown page: %d", code)
	}
}

func TestThrottledGraphAsksMetaToRetry(t *testing.T) {
	e := setup(t)
	e.graph.limited = 1
	body := `{"object":"instagram","entry":[{"id":"` + igID + `","time":1763890200,"changes":[{"field":"mentions","value":{"media_id":"17887498072083520","comment_id":"17900000000000001"}}]}]}`
	if code := e.send(t, body, sign(body)); code != 503 {
		t.Fatalf("throttled: %d, want 503", code)
	}
	if n := len(e.Ingested(t)); n != 0 {
		t.Fatalf("%d messages", n)
	}
	if code := e.send(t, body, sign(body)); code != 200 || len(e.Ingested(t)) != 1 {
		t.Fatalf("retry: %d", code)
	}
}

func TestReplyRoundTripPostedOnce(t *testing.T) {
	e := setup(t)
	e.StartPipeline(t)
	body := feed(comment)
	e.send(t, body, sign(body))
	m := e.WaitStored(t, "facebook", "111_222")
	r := e.Reply(t, m, "Bonjour Jean, nous vous répondons en privé.")
	if r.Status != store.ReplySent || r.ExternalID != "reply-1" {
		t.Fatalf("reply %+v", r)
	}
	conn, err := meta.New(channel.Account{Kind: "meta", Config: json.RawMessage(`{"page_id":"` + pageID + `","graph_url":"` + e.graph.srv.URL + `/v21.0"}`),
		Secrets: map[string]string{"app_secret": appSecret, "verify_token": "v", "page_access_token": token}})
	if err != nil {
		t.Fatal(err)
	}
	remote, err := conn.(pipeline.Sender).Send(context.Background(), pipeline.Outgoing{ReplyID: r.ID, Body: r.Body, InReplyTo: m})
	if err != nil || remote != "reply-1" || e.graph.count != 1 {
		t.Fatalf("retry posted again: %s %v, %d posts", remote, err, e.graph.count)
	}
}

func TestExpiredTokenFailsTheReply(t *testing.T) {
	e := setupWith(t, "expired-token")
	e.StartPipeline(t)
	body := feed(comment)
	e.send(t, body, sign(body))
	m := e.WaitStored(t, "facebook", "111_222")
	r := e.Reply(t, m, "Bonjour")
	if r.Status != store.ReplyFailed || e.graph.count != 0 {
		t.Fatalf("reply %+v, %d posts", r, e.graph.count)
	}
}
