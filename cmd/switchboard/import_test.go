package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/app"
)

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "in.jsonl")
	lines := []string{
		`{"channel":"mastodon","external_id":"1","text":"Mon colis est perdu","created_at":"2026-11-23T09:00:00Z","author":{"handle":"@a@b.c"}}`,
		`{"channel":"mastodon","external_id":"2","text":"L'appli plante","created_at":"2026-11-23T09:01:00Z","author":{"handle":"@a@b.c"},"in_reply_to":"1"}`,
		`{"channel":"mastodon","external_id":"1","text":"again","created_at":"2026-11-23T09:00:00Z","author":{"handle":"@a@b.c"}}`,
		`{"channel":"mastodon","external_id":"3","created_at":"2026-11-23T09:02:00Z","author":{"handle":"@a@b.c"}}`,
	}
	os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
	data := filepath.Join(dir, "data")
	run := func() error {
		return rootCmd().ParseAndRun(context.Background(), []string{"import", "--data-dir", data, "--log-level", "error", file})
	}
	if err := run(); err == nil || !strings.Contains(err.Error(), "rejected lines: 1") {
		t.Fatalf("first import: %v", err)
	}
	if err := run(); err == nil { // everything again: duplicates, and the same bad line
		t.Fatal("second import did not report the bad line")
	}
	st, err := app.OpenStore(context.Background(), app.Options{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, _ := st.CountMessages(context.Background()); n != 2 {
		t.Fatalf("stored %d messages, want 2", n)
	}
}

func TestFlagsReadEnvironment(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SWITCHBOARD_DATA_DIR", dir)
	if err := rootCmd().ParseAndRun(context.Background(), []string{"migrate"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "switchboard.db")); err != nil {
		t.Fatalf("SWITCHBOARD_DATA_DIR was not used: %v", err)
	}
	t.Setenv("SWITCHBOARD_ROLE", "admin")
	t.Setenv("SWITCHBOARD_NAME", "from-env")
	if err := rootCmd().ParseAndRun(context.Background(), []string{"token", "create"}); err != nil {
		t.Fatalf("token create from the environment: %v", err)
	}
}
