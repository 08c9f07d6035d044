package mastodon_test

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/channel/mastodon"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func account(f *fake, token string) channel.AccountInput {
	return channel.AccountInput{Kind: "mastodon", Handle: "@acme@" + host(f), Community: "france",
		Config: json.RawMessage(`{"server":"` + f.srv.URL + `","streams":["user"]}`), Secrets: map[string]string{"access_token": token}}
}

func host(f *fake) string { u, _ := url.Parse(f.srv.URL); return u.Host }

func ids(f *fake, msgs []message.Message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, strings.TrimPrefix(m.ExternalID, host(f)+"/"))
	}
	slices.Sort(out)
	return out
}

func TestStreamCatchUpResumeAndDeadLetters(t *testing.T) {
	f := newFake(t)
	f.addHome(101, status(101, "ana@remote.example", "<p>Mon colis est <b>perdu</b> &amp; rien</p><p>Aidez-moi</p>", 0))
	f.addHome(102, status(102, "bob", "<p>second</p>", 0))
	e := channeltest.New(t, mastodon.Kind())
	acc := e.Add(t, account(f, f.token))
	e.Start(t)

	got := e.WaitIngested(t, 2)
	first := got[0]
	if first.Text != "Mon colis est perdu & rien\nAidez-moi" || first.Author.Handle != "@ana@remote.example" ||
		first.Author.Followers != 1280 || first.Lang != "fr" || first.Community != "france" {
		t.Fatalf("first message %+v", first)
	}
	if got[1].Author.Handle != "@bob@"+host(f) {
		t.Fatalf("local account handle %q", got[1].Author.Handle)
	}

	waitFor(t, "stream", func() bool { return f.streamCount() == 1 })
	s103 := status(103, "ana@remote.example", "troisième", 0)
	f.addHome(103, s103)
	f.push <- event([]string{"user"}, "update", s103)
	f.push <- event([]string{"user"}, "notification", mention(900, status(104, "carl@else.example", "@acme réponse", 103)))
	f.push <- event([]string{"user"}, "update", `{"id":`)              // malformed payload
	f.push <- []byte(`{"stream":["user"],"event":"update","payload":`) // malformed event
	f.push <- event([]string{"user"}, "update", s103)                  // duplicate
	f.push <- event([]string{"user"}, "delete", "101")                 // no message
	f.push <- event([]string{"user"}, "notification", `{"id":"901","type":"favourite"}`)
	e.WaitIngested(t, 4)
	channeltest.Eventually(t, func() bool { return len(e.DeadLetters(t)) == 2 }, "dead letters %d", func() []any { return []any{len(e.DeadLetters(t))} })

	// Drop the connection; posts made meanwhile come back through REST.
	f.kick <- struct{}{}
	f.addHome(105, status(105, "dan@remote.example", "pendant la coupure", 0))
	f.addHome(106, status(106, "eve@remote.example", "réponse à un vieux fil", 50))
	f.mu.Lock()
	f.contexts["106"] = `{"ancestors":[` + status(50, "acme", "le fil d'origine", 0) + `],"descendants":[]}`
	f.mu.Unlock()
	waitFor(t, "reconnection", func() bool { return f.streamCount() == 2 })
	all := e.WaitIngested(t, 7)
	time.Sleep(100 * time.Millisecond)
	all = e.Ingested(t)
	if want := []string{"101", "102", "103", "104", "105", "106", "50"}; !slices.Equal(ids(f, all), want) {
		t.Fatalf("ingested %v, want %v once each", ids(f, all), want)
	}
	for _, m := range all {
		if strings.HasSuffix(m.ExternalID, "/104") && m.InReplyTo != host(f)+"/103" {
			t.Fatalf("reply without its parent: %+v", m)
		}
	}
	st := e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "connected" && strings.Contains(s.Cursor, "106") })
	if !strings.Contains(st.Cursor, `"notifications":"901"`) || st.LastEventAt.IsZero() {
		t.Fatalf("state %+v", st)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.subs) == 0 || f.subs[0]["type"] != "subscribe" || f.subs[0]["stream"] != "user" {
		t.Fatalf("subscriptions %v", f.subs)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	f := newFake(t)
	f.addHome(101, status(101, "ana", "bonjour", 0))
	f.limited = 1
	e := channeltest.New(t, mastodon.Kind())
	acc := e.Add(t, account(f, f.token))
	start := time.Now()
	e.Start(t)
	e.WaitState(t, acc.ID, func(s store.AccountState) bool { return strings.Contains(s.LastError, "429") })
	e.WaitIngested(t, 1)
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Fatalf("retried after %s, Retry-After said 1s", d)
	}
}

func TestBadCredentials(t *testing.T) {
	f := newFake(t)
	f.addHome(101, status(101, "ana", "bonjour", 0))
	e := channeltest.New(t, mastodon.Kind())
	acc := e.Add(t, account(f, "expired"))
	e.Start(t)
	st := e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "failed" })
	if !strings.Contains(st.LastError, "credentials refused") || !strings.Contains(st.LastError, "401") {
		t.Fatalf("state %+v", st)
	}
	if n := len(e.Ingested(t)); n != 0 {
		t.Fatalf("%d messages ingested with bad credentials", n)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, cfg := range []string{`{}`, `{"server":"ftp://x"}`, `{"server":"https://m.example","streams":["hashtag:"]}`,
		`{"server":"https://m.example","reply_visibility":"loud"}`, `{"server":"https://m.example","typo":1}`} {
		_, err := mastodon.New(channel.Account{Kind: "mastodon", Handle: "a", Config: json.RawMessage(cfg), Secrets: map[string]string{"access_token": "t"}})
		if err == nil {
			t.Errorf("config %s accepted", cfg)
		}
	}
	if _, err := mastodon.New(channel.Account{Kind: "mastodon", Handle: "a", Config: json.RawMessage(`{"server":"https://m.example"}`)}); err == nil {
		t.Error("accepted without an access token")
	}
}

func TestReplyRoundTripPostedOnce(t *testing.T) {
	f := newFake(t)
	f.addHome(101, status(101, "ana@remote.example", "mon colis est perdu", 0))
	e := channeltest.New(t, mastodon.Kind())
	e.Add(t, account(f, f.token))
	e.Start(t)
	e.StartPipeline(t)
	m := e.WaitStored(t, "mastodon", host(f)+"/101")
	r := e.Reply(t, m, "Bonjour Ana, nous regardons.")
	if r.Status != store.ReplySent || r.ExternalID != host(f)+"/9001" {
		t.Fatalf("reply %+v", r)
	}
	f.mu.Lock()
	req := f.posted["switchboard-reply-"+itoa(r.ID)]
	f.mu.Unlock()
	if req["in_reply_to_id"] != "101" || req["status"] != "@ana@remote.example Bonjour Ana, nous regardons." {
		t.Fatalf("posted %v", req)
	}
	// A sender that crashed after posting retries with the same key: one post.
	conn, err := mastodon.New(channel.Account{Kind: "mastodon", Handle: "a", Config: json.RawMessage(`{"server":"` + f.srv.URL + `"}`),
		Secrets: map[string]string{"access_token": f.token}})
	if err != nil {
		t.Fatal(err)
	}
	snd := conn.(pipeline.Sender)
	if _, err := snd.Send(context.Background(), pipeline.Outgoing{ReplyID: r.ID, Body: r.Body, InReplyTo: m}); err != nil {
		t.Fatal(err)
	}
	if f.postCount != 1 {
		t.Fatalf("posted %d times", f.postCount)
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
