package channel_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestKeyring(t *testing.T) {
	k, err := channel.NewKeyring(channeltest.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := k.Seal(map[string]string{"token": "s3cret"}, "a")
	if err != nil || strings.Contains(sealed, "s3cret") {
		t.Fatalf("sealed %q, %v", sealed, err)
	}
	if got, err := k.Open(sealed, "a"); err != nil || got["token"] != "s3cret" {
		t.Fatalf("open: %v %v", got, err)
	}
	if _, err := k.Open(sealed, "b"); err == nil {
		t.Fatal("opened with the wrong account tag")
	}
	other, _ := channel.NewKeyring(channeltest.NewKey())
	if _, err := other.Open(sealed, "a"); err == nil {
		t.Fatal("opened with the wrong key")
	}
	var none *channel.Keyring
	if _, err := none.Seal(map[string]string{"token": "x"}, "a"); !errors.Is(err, channel.ErrNoKey) {
		t.Fatalf("seal without a key: %v", err)
	}
	if _, err := channel.NewKeyring("short"); err == nil {
		t.Fatal("accepted a short key")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"7": 7 * time.Second, "": time.Minute, "soon": time.Minute, "999999": time.Hour,
		"Mon, 23 Nov 2026 10:00:30 GMT": 30 * time.Second,
	} {
		if got := channel.ParseRetryAfter(in, now, time.Minute); got != want {
			t.Errorf("ParseRetryAfter(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	b := channel.Backoff{Base: time.Second, Max: time.Minute}
	for i := range 12 {
		d := b.Wait(i)
		hi := min(time.Second<<i, time.Minute)
		if d < hi/2 || d > hi {
			t.Fatalf("wait %d = %s, want in [%s, %s]", i, d, hi/2, hi)
		}
	}
}

// script is a connector for supervisor tests: each run publishes the next
// batch of its script, then fails as told.
type script struct {
	runs  atomic.Int32
	steps []step
}

type step struct {
	events []channel.Event
	err    error
}

func (s *script) Run(ctx context.Context, sink channel.Sink) error {
	n := int(s.runs.Add(1)) - 1
	if n >= len(s.steps) {
		sink.Connected()
		<-ctx.Done()
		return nil
	}
	sink.Connected()
	st := s.steps[n]
	if err := sink.Publish(ctx, st.events); err != nil {
		return err
	}
	if err := sink.SaveCursor(ctx, strconv.Itoa(n)); err != nil {
		return err
	}
	return st.err
}

func event(id, text string) channel.Event {
	return channel.Event{Raw: []byte(`{"id":"` + id + `"}`), Msg: message.Inbound{
		Channel: "test", ExternalID: id, Text: channel.Text(text), CreatedAt: channel.Time(time.Now()),
		Author: &message.InboundAuthor{Handle: "@ana"},
	}}
}

func TestSupervisorRetriesDeadLettersAndKeepsCursor(t *testing.T) {
	sc := &script{steps: []step{
		{events: []channel.Event{event("1", "hello"), event("2", "")}, err: errors.New("connection reset")},
		{events: []channel.Event{event("1", "hello"), event("3", "again")}, err: &channel.RetryAfterError{Wait: 50 * time.Millisecond, Err: errors.New("429")}},
	}}
	kind := channel.Kind{Name: "test", Channels: []string{"test"}, New: func(channel.Account) (channel.Connector, error) { return sc, nil }}
	e := channeltest.New(t, kind)
	acc := e.Add(t, channel.AccountInput{Kind: "test", Handle: "acme", Secrets: map[string]string{"token": "t"}})
	start := time.Now()
	e.Start(t)
	got := e.WaitIngested(t, 2)
	st := e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "connected" && sc.runs.Load() == 3 })
	if time.Since(start) < 50*time.Millisecond {
		t.Errorf("Retry-After not honoured: third run after %s", time.Since(start))
	}
	if ids := channeltest.Keys(e.Ingested(t)); len(ids) != 2 || ids[0] != "1" || ids[1] != "3" {
		t.Fatalf("ingested %v, want [1 3] (once each)", ids)
	}
	if st.Cursor != "1" || !strings.Contains(st.LastError, "429") || st.LastEventAt.IsZero() {
		t.Fatalf("state %+v", st)
	}
	dl := e.DeadLetters(t)
	if len(dl) != 1 || !strings.Contains(dl[0].Payload, `"2"`) || !strings.Contains(dl[0].Reason, "text") {
		t.Fatalf("dead letters %+v", dl)
	}
	_ = got
}

func TestAccountsRefuseSecretsWithoutKey(t *testing.T) {
	kind := channel.Kind{Name: "test", New: func(channel.Account) (channel.Connector, error) { return &script{}, nil }}
	e := channeltest.New(t, kind)
	m := &channel.Accounts{Store: e.Store, Kinds: channel.NewRegistry(kind)}
	_, err := m.Create(context.Background(), store.Actor{Name: "t"}, channel.AccountInput{Kind: "test", Handle: "a", Secrets: map[string]string{"token": "x"}})
	if !errors.Is(err, channel.ErrNoKey) {
		t.Fatalf("create with secrets and no key: %v", err)
	}
	if accs, _ := e.Store.Accounts(context.Background()); len(accs) != 0 {
		t.Fatalf("an account was stored: %+v", accs)
	}
	if _, err := m.Create(context.Background(), store.Actor{Name: "t"}, channel.AccountInput{Kind: "nope", Handle: "a"}); !errors.Is(err, channel.ErrInvalid) {
		t.Fatalf("unknown kind: %v", err)
	}
}
