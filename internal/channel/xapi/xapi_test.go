package xapi_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/channel/xapi"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func account(f *fake, token string) channel.AccountInput {
	cfg, _ := json.Marshal(map[string]any{"rules": []string{"@acme", "acme lang:fr"}, "api": f.srv.URL, "stall_seconds": 1})
	return channel.AccountInput{Kind: "xapi", Handle: "@acme", Config: cfg, Secrets: map[string]string{"bearer_token": token, "user_access_token": userToken}}
}

func TestRulesStreamCatchUpAndDedupe(t *testing.T) {
	f := newFake(t)
	f.stream = [][]string{
		{tweet(1001, "@acme colis perdu", 0), "", `{"data":{"id":`, tweet(1002, "moi aussi", 1001)},
		{tweet(1002, "moi aussi", 1001), tweet(1004, "toujours rien", 0)},
	}
	f.gap = []string{`{"id":"1003","text":"pendant la coupure","author_id":"2244994945","created_at":"2026-11-23T09:31:00.000Z"}`}
	e := channeltest.New(t, xapi.Kind())
	acc := e.Add(t, account(f, bearer))
	e.Start(t)
	e.WaitIngested(t, 4)
	time.Sleep(100 * time.Millisecond)
	msgs := e.Ingested(t)
	if got := channeltest.Keys(msgs); !slices.Equal(got, []string{"1001", "1002", "1003", "1004"}) {
		t.Fatalf("ingested %v, want each once", got)
	}
	m := msgs[0]
	if m.Author.Handle != "@lea_b" || m.Author.Followers != 5120 || m.URL != "https://x.com/lea_b/status/1001" || m.Lang != "fr" || msgs[1].InReplyTo != "1001" {
		t.Fatalf("messages %+v", msgs[:2])
	}
	if dl := e.DeadLetters(t); len(dl) != 1 || dl[0].Payload != `{"data":{"id":` {
		t.Fatalf("dead letters %+v", dl)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !slices.Equal(f.deleted, []string{"2"}) || !slices.Equal(f.added, []string{"acme lang:fr"}) {
		t.Fatalf("rule sync deleted %v added %v", f.deleted, f.added)
	}
	if len(f.searches) == 0 || f.searches[0] != "1002" {
		t.Fatalf("catch-up searches since %v, want 1002", f.searches)
	}
	st, _ := e.Store.AccountStateOf(context.Background(), acc.ID)
	if st.Cursor != "1004" {
		t.Fatalf("cursor %q", st.Cursor)
	}
}

func TestRateLimitResetAndBadToken(t *testing.T) {
	f := newFake(t)
	f.stream = [][]string{{tweet(1001, "@acme bonjour", 0)}}
	f.limited = 1
	e := channeltest.New(t, xapi.Kind())
	acc := e.Add(t, account(f, bearer))
	bad := account(f, "revoked")
	bad.Handle = "@other"
	badAcc := e.Add(t, bad)
	start := time.Now()
	e.Start(t)
	e.WaitState(t, acc.ID, func(s store.AccountState) bool { return strings.Contains(s.LastError, "429") })
	e.WaitIngested(t, 1)
	if time.Since(start) < 900*time.Millisecond {
		t.Fatal("x-rate-limit-reset not honoured")
	}
	st := e.WaitState(t, badAcc.ID, func(s store.AccountState) bool { return s.Status == "failed" })
	if !strings.Contains(st.LastError, "credentials refused") {
		t.Fatalf("bad token: %+v", st)
	}
}

func TestReplyRoundTripPostedOnce(t *testing.T) {
	f := newFake(t)
	f.stream = [][]string{{tweet(1001, "@acme colis perdu", 0)}}
	e := channeltest.New(t, xapi.Kind())
	e.Add(t, account(f, bearer))
	e.Start(t)
	e.StartPipeline(t)
	m := e.WaitStored(t, "x", "1001")
	r := e.Reply(t, m, "@lea_b nous regardons, pouvez-vous nous écrire en privé ?")
	if r.Status != store.ReplySent || r.ExternalID != "9001" {
		t.Fatalf("reply %+v", r)
	}
	f.mu.Lock()
	in := f.posted[0]
	f.mu.Unlock()
	if in["reply"].(map[string]any)["in_reply_to_tweet_id"] != "1001" {
		t.Fatalf("posted %v", in)
	}
	conn, err := xapi.New(channel.Account{Kind: "xapi", Handle: "@acme", Config: account(f, "").Config,
		Secrets: map[string]string{"bearer_token": bearer, "user_access_token": userToken}})
	if err != nil {
		t.Fatal(err)
	}
	id, err := conn.(pipeline.Sender).Send(context.Background(), pipeline.Outgoing{ReplyID: r.ID, Body: r.Body, InReplyTo: m})
	if err != nil || id != "9001" || len(f.posted) != 1 {
		t.Fatalf("retry: %s %v, %d posts", id, err, len(f.posted))
	}
}
