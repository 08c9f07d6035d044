package channel_test

import (
	"context"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestSupervisorFollowsAccountChanges(t *testing.T) {
	sc := &script{}
	kind := channel.Kind{Name: "test", Channels: []string{"test"}, New: func(channel.Account) (channel.Connector, error) { return sc, nil }}
	e := channeltest.New(t, kind)
	ctx := context.Background()
	acc := e.Add(t, channel.AccountInput{Kind: "test", Handle: "acme"})
	e.Start(t)
	e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "connected" })
	off := false
	if _, err := e.Accounts.Update(ctx, store.Actor{Name: "t"}, acc.ID, channel.AccountInput{Enabled: &off}); err != nil {
		t.Fatal(err)
	}
	e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "stopped" })
	if n := len(e.Sup.Running("test")); n != 0 {
		t.Fatalf("%d running after disabling", n)
	}
	on := true
	if _, err := e.Accounts.Update(ctx, store.Actor{Name: "t"}, acc.ID, channel.AccountInput{Enabled: &on}); err != nil {
		t.Fatal(err)
	}
	e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "connected" })
	if sc.runs.Load() < 2 {
		t.Fatalf("connector ran %d times", sc.runs.Load())
	}
	// Deleting the account stops it.
	if err := e.Accounts.Delete(ctx, store.Actor{Name: "t"}, acc.ID); err != nil {
		t.Fatal(err)
	}
	channeltest.Eventually(t, func() bool { return len(e.Sup.Running("test")) == 0 }, "still running", func() []any { return nil })
}
