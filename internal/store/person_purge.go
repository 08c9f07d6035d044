package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// purgeBatch bounds the messages deleted in one transaction, so a first purge
// of years of data does not hold the writer for long.
const purgeBatch = 500

// Purged tells how many messages a community's retention purge deleted.
type Purged struct {
	Community string    `json:"community"`
	Before    time.Time `json:"before"`
	Messages  int       `json:"messages"`
}

// PurgeExpired deletes, in every community with a retention period, the
// messages created more than that period before now, with what hangs on them
// (replies, notes, routing decisions, incident entries), and then the authors,
// people and threads left without any message. Each community's purge is
// audited with its counts.
func (s *Store) PurgeExpired(ctx context.Context, now time.Time) ([]Purged, error) {
	rets, err := s.Retentions(ctx)
	if err != nil {
		return nil, err
	}
	out := []Purged{}
	for _, r := range rets {
		p := Purged{Community: r.Community, Before: now.Add(-time.Duration(r.Days) * 24 * time.Hour).UTC()}
		if p.Messages, err = s.purgeCommunity(ctx, r.Community, p.Before); err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

func (s *Store) purgeCommunity(ctx context.Context, slug string, before time.Time) (int, error) {
	total := 0
	for {
		n, err := s.purgeBatch(ctx, slug, before)
		if err != nil {
			return total, fmt.Errorf("purge %s: %w", slug, err)
		}
		total += n
		if n < purgeBatch {
			return total, nil
		}
	}
}

func (s *Store) purgeBatch(ctx context.Context, slug string, before time.Time) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, s.q(`SELECT m.id FROM messages m JOIN communities c ON c.id = m.community_id
			WHERE c.slug = ? AND m.created_at < ? ORDER BY m.id LIMIT ?`), slug, before.UnixMicro(), purgeBatch)
		if err != nil {
			return err
		}
		ids, err := scanRows(rows, func(r *sql.Rows) (any, error) {
			var id int64
			return id, r.Scan(&id)
		})
		if n = len(ids); err != nil || n == 0 {
			return err
		}
		if err := s.deleteMessages(ctx, tx, ids); err != nil {
			return err
		}
		return s.audit(ctx, tx, Actor{Name: "system:retention"}, "retention.purge", slug,
			map[string]any{"messages": n, "before": before})
	})
	if n > 0 {
		s.authors.clear()
	}
	return n, err
}

// deleteMessages deletes messages (their replies, notes, decisions and alerts
// go with them by cascade), their incident entries, and the authors, people
// and threads they leave empty.
func (s *Store) deleteMessages(ctx context.Context, tx *sql.Tx, ids []any) error {
	in := `(` + marks(len(ids)) + `)`
	authors, err := s.idList(ctx, tx, `SELECT DISTINCT author_id FROM messages WHERE id IN `+in, ids)
	if err != nil {
		return err
	}
	threads, err := s.idList(ctx, tx, `SELECT DISTINCT thread_id FROM messages WHERE id IN `+in, ids)
	if err != nil {
		return err
	}
	stmts := []struct {
		q    string
		args []any
	}{
		{`DELETE FROM incident_messages WHERE message_id IN ` + in, ids},
		{`DELETE FROM messages WHERE id IN ` + in, ids},
		{`DELETE FROM authors WHERE id IN (` + marks(len(authors)) + `)
			AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.author_id = authors.id)`, authors},
		{`DELETE FROM threads WHERE id IN (` + marks(len(threads)) + `)
			AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = threads.id)`, threads},
		{`DELETE FROM people WHERE NOT EXISTS (SELECT 1 FROM authors a WHERE a.person_id = people.id)`, nil},
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, s.q(st.q), st.args...); err != nil {
			return fmt.Errorf("delete messages: %w", err)
		}
	}
	return nil
}

func (s *Store) idList(ctx context.Context, tx *sql.Tx, q string, args []any) ([]any, error) {
	rows, err := tx.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, fmt.Errorf("delete messages: %w", err)
	}
	return scanRows(rows, func(r *sql.Rows) (any, error) {
		var id int64
		return id, r.Scan(&id)
	})
}
