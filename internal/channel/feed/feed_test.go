package feed_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/channel/feed"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// site serves feeds with ETag and Last-Modified validators.
type site struct {
	srv     *httptest.Server
	mu      sync.Mutex
	items   []string
	etag    string
	notMod  int
	conds   []string
	limited int
}

func rssItem(n int, title, desc string) string {
	return fmt.Sprintf(`<item><title>%s</title><link>https://blog.example/p/%d</link><guid isPermaLink="true">https://blog.example/p/%d</guid>`+
		`<pubDate>Mon, 23 Nov 2026 09:%02d:00 +0000</pubDate><dc:creator>Marie</dc:creator><description><![CDATA[%s]]></description></item>`, title, n, n, n, desc)
}

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:thr="http://purl.org/syndication/thread/1.0" xml:lang="fr">
 <title>Commentaires</title><id>https://blog.example/comments</id><updated>2026-11-23T10:00:00Z</updated>
 <entry><title>Commentaire de Paul</title><id>https://blog.example/p/1#comment-7</id><link href="https://blog.example/p/1#comment-7"/>
  <updated>2026-11-23T10:00:00Z</updated><author><name>Paul</name></author>
  <thr:in-reply-to ref="https://blog.example/p/1" href="https://blog.example/p/1"/>
  <content type="html">&lt;p&gt;Même problème chez moi &amp;amp; personne ne répond&lt;/p&gt;</content></entry>
</feed>`

func newSite(t *testing.T) *site {
	s := &site{etag: `"v1"`, items: []string{rssItem(1, "Acme m'a déçu", "<p>Livraison <b>ratée</b></p>"), rssItem(2, "Bon SAV", "ok")}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /blog.rss", s.rss)
	mux.HandleFunc("GET /comments.atom", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-Modified-Since") == "Mon, 23 Nov 2026 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", "Mon, 23 Nov 2026 10:00:00 GMT")
		fmt.Fprint(w, atom)
	})
	mux.HandleFunc("GET /broken.xml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<rss><channel><item><title>cut") })
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) rss(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conds = append(s.conds, r.Header.Get("If-None-Match"))
	if s.limited > 0 {
		s.limited--
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	if r.Header.Get("If-None-Match") == s.etag {
		s.notMod++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", s.etag)
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Blog</title>`+
		`<link>https://blog.example/</link><language>fr-FR</language>`+strings.Join(s.items, "")+`</channel></rss>`)
}

func account(s *site, paths ...string) channel.AccountInput {
	var urls []string
	for _, p := range paths {
		urls = append(urls, s.srv.URL+p)
	}
	cfg, _ := json.Marshal(map[string]any{"urls": urls, "interval_seconds": 1})
	return channel.AccountInput{Kind: "feed", Handle: "veille", Config: cfg}
}

func TestConditionalPollingCommentsAndBrokenFeeds(t *testing.T) {
	s := newSite(t)
	e := channeltest.New(t, feed.Kind())
	acc := e.Add(t, account(s, "/blog.rss", "/comments.atom", "/broken.xml"))
	e.Start(t)
	msgs := e.WaitIngested(t, 3)
	m := msgs[0]
	if m.Channel != "rss" || m.ExternalID != "https://blog.example/p/1" || m.Text != "Acme m'a déçu\n\nLivraison ratée" ||
		m.URL != "https://blog.example/p/1" || m.Lang != "fr-fr" || !strings.HasPrefix(m.Author.Handle, "Marie") {
		t.Fatalf("rss item %+v", m)
	}
	c := msgs[2]
	if c.InReplyTo != "https://blog.example/p/1" || c.Text != "Commentaire de Paul\n\nMême problème chez moi & personne ne répond" {
		t.Fatalf("comment %+v", c)
	}
	channeltest.Eventually(t, func() bool { s.mu.Lock(); defer s.mu.Unlock(); return s.notMod >= 1 }, "no conditional GET", func() []any { return nil })
	s.mu.Lock()
	s.items = append(s.items, rssItem(3, "Nouveau billet", "encore"))
	s.etag = `"v2"`
	s.mu.Unlock()
	e.WaitIngested(t, 4)
	time.Sleep(1200 * time.Millisecond) // one more round: nothing new, nothing doubled
	got := channeltest.Keys(e.Ingested(t))
	want := []string{"https://blog.example/p/1", "https://blog.example/p/2", "https://blog.example/p/1#comment-7", "https://blog.example/p/3"}
	if !slices.Equal(got, want) {
		t.Fatalf("ingested %v, want %v", got, want)
	}
	if dl := e.DeadLetters(t); len(dl) != 1 || !strings.Contains(dl[0].Reason, "broken.xml") {
		t.Fatalf("dead letters %+v (the same broken document is kept once)", dl)
	}
	st, _ := e.Store.AccountStateOf(t.Context(), acc.ID)
	if !strings.Contains(st.Cursor, `\"v2\"`) || !strings.Contains(st.Cursor, "Mon, 23 Nov 2026 10:00:00 GMT") {
		t.Fatalf("cursor %s", st.Cursor)
	}
}

func TestRetryAfter(t *testing.T) {
	s := newSite(t)
	s.limited = 1
	e := channeltest.New(t, feed.Kind())
	acc := e.Add(t, account(s, "/blog.rss"))
	start := time.Now()
	e.Start(t)
	e.WaitState(t, acc.ID, func(st store.AccountState) bool { return strings.Contains(st.LastError, "429") })
	e.WaitIngested(t, 2)
	if time.Since(start) < 900*time.Millisecond {
		t.Fatal("Retry-After not honoured")
	}
}

func TestConfigErrors(t *testing.T) {
	for _, cfg := range []string{`{}`, `{"urls":["ftp://x"]}`, `{"urls":["https://x"],"interval_seconds":-1}`, `{"urls":["https://x"],"oops":1}`} {
		if _, err := feed.New(channel.Account{Kind: "feed", Config: json.RawMessage(cfg)}); err == nil {
			t.Errorf("accepted %s", cfg)
		}
	}
}
