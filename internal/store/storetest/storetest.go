// Package storetest opens real databases for tests: SQLite in a temporary
// directory always, and PostgreSQL when it answers (a schema of its own per
// test, dropped afterwards). No mocks.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// PostgresURL is the server tests use: SWITCHBOARD_TEST_POSTGRES_URL, else
// the local server with trust authentication.
func PostgresURL() string {
	if u := os.Getenv("SWITCHBOARD_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// SQLite opens a migrated SQLite store in a temporary directory.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	return openMigrated(t, "", t.TempDir())
}

// Postgres opens a migrated PostgreSQL store in a fresh schema. It skips the
// test when no server answers, unless SWITCHBOARD_REQUIRE_POSTGRES=1 (set by CI
// on a machine that has one), where it fails.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	return openMigrated(t, PostgresSchemaURL(t), "")
}

// PostgresSchemaURL makes a fresh, empty schema for the test and returns a
// URL whose search path is that schema; it skips or fails like Postgres.
func PostgresSchemaURL(t testing.TB) string {
	t.Helper()
	url := PostgresURL()
	admin, err := sql.Open("pgx", url)
	if err == nil {
		err = admin.PingContext(context.Background())
	}
	if err != nil {
		if os.Getenv("SWITCHBOARD_REQUIRE_POSTGRES") == "1" {
			t.Fatalf("PostgreSQL at %s is required (SWITCHBOARD_REQUIRE_POSTGRES=1): %v", url, err)
		}
		t.Skipf("skipping the PostgreSQL run: no server at %s (%v); set SWITCHBOARD_TEST_POSTGRES_URL", url, err)
	}
	schema := "sbtest_" + randomHex()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	return withSearchPath(url, schema)
}

func withSearchPath(url, schema string) string {
	sep := "?"
	for _, c := range url {
		if c == '?' {
			sep = "&"
		}
	}
	return url + sep + "search_path=" + schema
}

func openMigrated(t testing.TB, url, dir string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, url, dir)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// Each runs f as a subtest on SQLite and on PostgreSQL.
func Each(t *testing.T, f func(t *testing.T, s *store.Store)) {
	t.Run("sqlite", func(t *testing.T) { f(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, Postgres(t)) })
}

func randomHex() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
