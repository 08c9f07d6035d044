package bluesky_test

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/bluesky"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func account(f *fake, password string) channel.AccountInput {
	ws := "ws" + strings.TrimPrefix(f.srv.URL, "http")
	return channel.AccountInput{Kind: "bluesky", Handle: "acme.bsky.social",
		Config:  json.RawMessage(`{"jetstream":"` + ws + `","service":"` + f.srv.URL + `","appview":"` + f.srv.URL + `","keywords":["acme"]}`),
		Secrets: map[string]string{"app_password": password}}
}

const mentionFacet = `,"facets":[{"index":{"byteStart":0,"byteEnd":17},"features":[{"$type":"app.bsky.richtext.facet#mention","did":"did:plc:acme"}]}]`

func stream(f *fake) {
	f.events = []string{
		post(1, anaDID, "r1", record("@acme.bsky.social mon colis est perdu", mentionFacet)),
		post(2, "did:plc:bob", "r2", record("rien à voir", "")),
		`{"did":"did:plc:bob","time_us":` + strconv.FormatInt(t0+3_000_000, 10) + `,"kind":"identity","identity":{"did":"did:plc:bob","handle":"bob.test","seq":1,"time":"2024-09-09T19:46:02.102Z"}}`,
		post(4, "did:plc:carl", "r4", record("J'adore ACME !", "")),
		post(5, "did:plc:dan", "r5", `{"$type":"app.bsky.feed.post","text":42,"note":"acme"}`), // malformed, names acme
		post(6, "did:plc:eve", "r6", record("je réponds", `,"reply":{"root":{"uri":"at://did:plc:acme/app.bsky.feed.post/root1","cid":"bafyroot1"},"parent":{"uri":"at://did:plc:acme/app.bsky.feed.post/root1","cid":"bafyroot1"}}`)),
		post(7, "did:plc:fay", "r7", record("les acmes du désert", "")),
		`{"did":"did:plc:eve","time_us":` + strconv.FormatInt(t0+8_000_000, 10) + `,"kind":"commit","commit":{"rev":"x","operation":"delete","collection":"app.bsky.feed.post","rkey":"r6"}}`,
		`{"did":"did:plc:zed","time_us":` + strconv.FormatInt(t0+9_000_000, 10) + `,"kind":"commit","commit":{"operation":"create","collection":"app.bsky.feed.post","rkey":"r9","record":{"text":"broken but not ours"}}}`,
	}
}

func TestJetstreamMatchesResumesAndDedupes(t *testing.T) {
	f := newFake(t)
	stream(f)
	f.dropAfter = 5 // after the malformed post: the stream drops, then resumes
	e := channeltest.New(t, bluesky.Kind())
	acc := e.Add(t, account(f, "app-pass"))
	e.Start(t)
	msgs := e.WaitIngested(t, 3)
	channeltest.Eventually(t, func() bool { f.mu.Lock(); defer f.mu.Unlock(); return f.conns >= 2 }, "no reconnection", func() []any { return nil })
	time.Sleep(100 * time.Millisecond)
	msgs = e.Ingested(t)
	got := channeltest.Keys(msgs)
	want := []string{"at://did:plc:ana/app.bsky.feed.post/r1", "at://did:plc:carl/app.bsky.feed.post/r4", "at://did:plc:eve/app.bsky.feed.post/r6"}
	if !slices.Equal(got, want) {
		t.Fatalf("ingested %v, want %v once each", got, want)
	}
	m := msgs[0]
	if m.Author.Handle != "@ana.bsky.social" || m.Author.Followers != 321 || m.Lang != "fr" ||
		m.URL != "https://bsky.app/profile/did:plc:ana/post/r1" || m.Text != "@acme.bsky.social mon colis est perdu" {
		t.Fatalf("message %+v", m)
	}
	if msgs[2].InReplyTo != "at://did:plc:acme/app.bsky.feed.post/root1" {
		t.Fatalf("reply without its parent: %+v", msgs[2])
	}
	if dl := e.DeadLetters(t); len(dl) != 1 || !strings.Contains(dl[0].Payload, `"r5"`) {
		t.Fatalf("dead letters %+v", dl)
	}
	f.mu.Lock()
	cursors := f.cursors
	f.mu.Unlock()
	// Resumed from the last event kept (the dead-lettered post, 5 s) minus 5 s of overlap.
	if len(cursors) < 2 || cursors[0] != "" || cursors[1] != strconv.FormatInt(t0, 10) {
		t.Fatalf("subscription cursors %v, want [\"\" %d]", cursors, t0)
	}
	st := e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "connected" })
	if st.Cursor == "" {
		t.Fatalf("state %+v", st)
	}
}

func TestCursorSurvivesRestart(t *testing.T) {
	f := newFake(t)
	stream(f)
	e := channeltest.New(t, bluesky.Kind())
	acc := e.Add(t, account(f, "app-pass"))
	st := store.AccountState{AccountID: acc.ID, Status: "stopped", Cursor: strconv.FormatInt(t0+20_000_000, 10)}
	if err := e.Store.SaveAccountState(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	e.Start(t)
	channeltest.Eventually(t, func() bool { f.mu.Lock(); defer f.mu.Unlock(); return len(f.cursors) > 0 }, "no subscription", func() []any { return nil })
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cursors[0] != strconv.FormatInt(t0+15_000_000, 10) {
		t.Fatalf("resumed at %s, want the saved cursor minus 5 s", f.cursors[0])
	}
}

func TestRateLimitAndBadPassword(t *testing.T) {
	f := newFake(t)
	stream(f)
	f.limited = 1
	e := channeltest.New(t, bluesky.Kind())
	acc := e.Add(t, account(f, "app-pass"))
	bad, err := e.Accounts.Create(context.Background(), store.Actor{Name: "t"}, channel.AccountInput{Kind: "bluesky", Handle: "other.bsky.social",
		Config: account(f, "").Config, Secrets: map[string]string{"app_password": "wrong"}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	e.Start(t)
	e.WaitState(t, acc.ID, func(s store.AccountState) bool { return strings.Contains(s.LastError, "429") })
	e.WaitIngested(t, 3)
	if time.Since(start) < 900*time.Millisecond {
		t.Fatalf("Retry-After of 1 s not honoured")
	}
	st := e.WaitState(t, bad.ID, func(s store.AccountState) bool { return s.Status == "failed" })
	if !strings.Contains(st.LastError, "credentials refused") {
		t.Fatalf("bad password state %+v", st)
	}
}

func TestReplyRoundTripPostedOnce(t *testing.T) {
	f := newFake(t)
	stream(f)
	e := channeltest.New(t, bluesky.Kind())
	e.Add(t, account(f, "app-pass"))
	e.Start(t)
	e.StartPipeline(t)
	m := e.WaitStored(t, "bluesky", "at://did:plc:eve/app.bsky.feed.post/r6")
	r := e.Reply(t, m, "Merci, nous regardons.")
	if r.Status != store.ReplySent || !strings.HasPrefix(r.ExternalID, "at://did:plc:acme/app.bsky.feed.post/") {
		t.Fatalf("reply %+v", r)
	}
	f.mu.Lock()
	var in map[string]any
	for _, v := range f.records {
		in = v
	}
	f.mu.Unlock()
	rec := in["record"].(map[string]any)
	reply := rec["reply"].(map[string]any)
	parent, root := reply["parent"].(map[string]any), reply["root"].(map[string]any)
	if in["repo"] != acmeDID || rec["text"] != "Merci, nous regardons." || parent["uri"] != m.ExternalID ||
		parent["cid"] != "bafyreir6" || root["uri"] != "at://did:plc:acme/app.bsky.feed.post/root1" || root["cid"] != "bafyroot1" {
		t.Fatalf("createRecord %v", in)
	}
	// A retry after a crash finds the post instead of making a second one.
	conn, err := bluesky.New(channel.Account{Kind: "bluesky", Handle: "acme.bsky.social", Config: account(f, "").Config,
		Secrets: map[string]string{"app_password": "app-pass"}})
	if err != nil {
		t.Fatal(err)
	}
	uri, err := conn.(pipeline.Sender).Send(context.Background(), pipeline.Outgoing{ReplyID: r.ID, Body: r.Body, InReplyTo: m})
	if err != nil || uri != r.ExternalID || f.creates != 1 {
		t.Fatalf("retry: %s %v, %d records created", uri, err, f.creates)
	}
}
