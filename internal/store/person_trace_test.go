package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// TestEraseLeavesNothingAnywhere reads every row of every table (FTS5's own
// segments included on SQLite) after an erase and looks for the person's
// handle, name and words (the stem "zanzibariqu" as FTS5 stores it, too).
func TestEraseLeavesNothingAnywhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p, _ := personFixture(t, s)
		webhookDelivery(t, s, "message.routed:mastodon:a2", `{"message":{"text":"Still no zanzibarique answer"}}`)
		if _, err := s.ErasePerson(context.Background(), store.Actor{Name: "test"}, p.ID); err != nil {
			t.Fatalf("erase: %v", err)
		}
		for _, table := range tables(t, s) {
			for _, cell := range cells(t, s, table) {
				low := strings.ToLower(cell)
				for _, secret := range []string{"ana@example", "zanzibar", "ana called"} {
					if strings.Contains(low, secret) {
						t.Errorf("table %s still holds %q: %.120q", table, secret, cell)
					}
				}
			}
		}
	})
}

func tables(t *testing.T, s *store.Store) []string {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if s.Dialect() == store.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	rows, err := s.DB().Query(q)
	if err != nil {
		t.Fatalf("tables: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		out = append(out, name)
	}
	if len(out) < 20 {
		t.Fatalf("found only %d tables: %v", len(out), out)
	}
	return out
}

// cells returns every non-null value of a table as text (bytes as they are).
func cells(t *testing.T, s *store.Store, table string) []string {
	t.Helper()
	rows, err := s.DB().Query(`SELECT * FROM ` + table)
	if err != nil {
		t.Fatalf("read %s: %v", table, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		for _, v := range vals {
			switch x := v.(type) {
			case string:
				out = append(out, x)
			case []byte:
				out = append(out, string(x))
			}
		}
	}
	if err := rows.Err(); err != nil && err != sql.ErrNoRows {
		t.Fatalf("read %s: %v", table, err)
	}
	return out
}
