package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// TestEraseLeavesNothingInTheSQLiteFiles reads the database file and its
// write-ahead log, bytes as they are on disk, after an erase: freed pages
// and old page images must not keep the person's words either.
func TestEraseLeavesNothingInTheSQLiteFiles(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	p, _ := personFixture(t, s)
	if _, err := s.ErasePerson(ctx, store.Actor{Name: "test"}, p.ID); err != nil {
		t.Fatalf("erase: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "switchboard.db*"))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"ana@example", "zanzibar", "Zanzibar"} {
			if i := bytes.Index(raw, []byte(secret)); i >= 0 {
				t.Errorf("%s still holds %q at byte %d", filepath.Base(f), secret, i)
			}
		}
	}
}
