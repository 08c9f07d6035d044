package channel_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestAccountsFile(t *testing.T) {
	kind := channel.Kind{Name: "test", New: func(a channel.Account) (channel.Connector, error) {
		if a.Secrets["token"] == "" {
			return nil, os.ErrInvalid
		}
		return &script{}, nil
	}}
	e := channeltest.New(t, kind)
	path := filepath.Join(t.TempDir(), "channels.yaml")
	write := func(yaml string) {
		if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("TEST_TOKEN", "from-env")
	write("accounts:\n  - kind: test\n    handle: acme\n    community: france\n    config: {streams: [user]}\n    secrets: {token: \"env:TEST_TOKEN\"}\n")
	f, err := channel.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 2 { // applying again updates, it does not add
		if err := e.Accounts.Apply(ctx, store.Actor{Name: "file"}, f); err != nil {
			t.Fatal(err)
		}
	}
	views, err := e.Accounts.List(ctx)
	if err != nil || len(views) != 1 || views[0].Community != "france" || string(views[0].Config) != `{"streams":["user"]}` || views[0].SecretNames[0] != "token" {
		t.Fatalf("accounts %+v, %v", views, err)
	}
	write("accounts:\n  - kind: test\n    handle: acme\n    secrets: {token: \"env:UNSET_VAR\"}\n")
	if f, err = channel.LoadFile(path); err != nil {
		t.Fatal(err)
	}
	if err := e.Accounts.Apply(ctx, store.Actor{Name: "file"}, f); err == nil || !strings.Contains(err.Error(), "UNSET_VAR") {
		t.Fatalf("missing variable: %v", err)
	}
	write("accounts:\n  - kind: test\n    handel: typo\n")
	if _, err := channel.LoadFile(path); err == nil {
		t.Fatal("a misspelt field was accepted")
	}
}
