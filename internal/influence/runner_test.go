package influence_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// waitFor polls cond until it holds or 10 seconds pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// The runner scores at start, then updates the scores warm as messages
// arrive: replies to Bob raise his score without any full run.
func TestRunnerUpdatesScoresAsMessagesArrive(t *testing.T) {
	s := storetest.SQLite(t)
	ctx, cancel := context.WithCancel(context.Background())
	influenceFixture(t, s)
	eng := &influence.Engine{Store: s}
	done := make(chan struct{})
	go func() {
		(&influence.Runner{Engine: eng, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), SyncEvery: 20 * time.Millisecond, WarmEvery: 20 * time.Millisecond, FullEvery: time.Hour}).Run(ctx)
		close(done)
	}()
	defer func() { cancel(); <-done }()
	top := func() string {
		l, err := s.Leaders(ctx, store.LeaderFilter{Community: "fr-market", Limit: 1})
		if err != nil || len(l) == 0 {
			return ""
		}
		return l[0].Handle
	}
	waitFor(t, "the first scores", func() bool { return top() == "@ana@example.social" })
	bob := func() float64 {
		v, _ := s.InfluenceOf(ctx, "mastodon", "@bob@example.social", "fr-market")
		return v
	}
	before := bob()
	var more []*message.Message
	for i, who := range []string{"@eve@example.social", "@fay@example.social", "@gus@example.social"} {
		m := msg("r"+who, "@bob@example.social you are right", time.Duration(10+i)*time.Minute)
		m.Author.Handle, m.InReplyTo = who, "2"
		more = append(more, m)
	}
	save(t, s, more...)
	waitFor(t, "Bob's score to rise after three replies", func() bool { return bob() > before+10 })
	if st := eng.Last(); !st.Warm || st.Iterations == 0 {
		t.Errorf("last run %+v: want a warm update", st)
	}
}
