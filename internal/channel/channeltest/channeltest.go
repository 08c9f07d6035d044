// Package channeltest runs connectors in tests against real parts: a SQLite
// store and an embedded JetStream bus in a temporary directory, and the real
// supervisor. Only the network is faked, by each connector's test server.
package channeltest

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Env is a store, a bus, a supervisor and the accounts service.
type Env struct {
	Store    *store.Store
	Bus      *pipeline.Bus
	Senders  *pipeline.Senders
	Sup      *channel.Supervisor
	Accounts *channel.Accounts
}

// Quiet is a logger that discards.
var Quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// New opens an environment knowing the given kinds, with a fresh secrets
// key and fast backoff (10 ms to 200 ms).
func New(t testing.TB, kinds ...channel.Kind) *Env {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	bus, err := pipeline.OpenBus(ctx, pipeline.BusConfig{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bus.Close(); st.Close() })
	keys, err := channel.NewKeyring(NewKey())
	if err != nil {
		t.Fatal(err)
	}
	reg := channel.NewRegistry(kinds...)
	e := &Env{Store: st, Bus: bus, Senders: pipeline.NewSenders(nil)}
	e.Sup = channel.NewSupervisor(st, bus, reg, keys, e.Senders, Quiet)
	e.Sup.Backoff = channel.Backoff{Base: 10 * time.Millisecond, Max: 200 * time.Millisecond, Stable: time.Hour}
	e.Accounts = &channel.Accounts{Store: st, Kinds: reg, Keys: keys, OnChange: e.Sup.Reload}
	return e
}

// NewKey makes a random secrets key, base64.
func NewKey() string {
	k := make([]byte, 32)
	rand.Read(k)
	return base64.StdEncoding.EncodeToString(k)
}

// Start runs the supervisor until the test ends.
func (e *Env) Start(t testing.TB) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); e.Sup.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

// Add creates an account or fails the test.
func (e *Env) Add(t testing.TB, in channel.AccountInput) store.Account {
	t.Helper()
	acc, err := e.Accounts.Create(context.Background(), store.Actor{Name: "test"}, in)
	if err != nil {
		t.Fatalf("create account: %v", err)
	}
	return acc
}

// Ingested reads every message on the ingest stream, in order.
func (e *Env) Ingested(t testing.TB) []message.Message {
	t.Helper()
	ctx := context.Background()
	s, err := e.Bus.JetStream().Stream(ctx, e.Bus.IngestStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []message.Message
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		raw, err := s.GetMsg(ctx, seq)
		if err != nil {
			continue
		}
		var m message.Message
		if err := json.Unmarshal(raw.Data, &m); err != nil {
			t.Fatalf("ingest message %d: %v", seq, err)
		}
		out = append(out, m)
	}
	return out
}

// WaitIngested waits until at least n messages were ingested (10 s at most).
func (e *Env) WaitIngested(t testing.TB, n int) []message.Message {
	t.Helper()
	var got []message.Message
	Eventually(t, func() bool { got = e.Ingested(t); return len(got) >= n }, "%d messages ingested, want %d", func() []any { return []any{len(got), n} })
	return got
}

// WaitState waits until the account's state satisfies ok.
func (e *Env) WaitState(t testing.TB, id int64, ok func(store.AccountState) bool) store.AccountState {
	t.Helper()
	var st store.AccountState
	Eventually(t, func() bool {
		st, _ = e.Store.AccountStateOf(context.Background(), id)
		return ok(st)
	}, "account state %+v", func() []any { return []any{st} })
	return st
}

// DeadLetters lists the dead letters.
func (e *Env) DeadLetters(t testing.TB) []store.DeadLetter {
	t.Helper()
	dl, err := e.Store.DeadLetters(context.Background(), 0, 500)
	if err != nil {
		t.Fatal(err)
	}
	return dl
}

// Eventually polls cond every 10 ms for 10 s, then fails with the message.
func Eventually(t testing.TB, cond func() bool, format string, args func() []any) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out: "+format, args()...)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Keys lists the external ids of messages, in order.
func Keys(msgs []message.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.ExternalID
	}
	return out
}
