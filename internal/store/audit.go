package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Actor is who did something: a user, a token or the system. It is written to
// the audit log with every change made through the API or the command line.
type Actor struct {
	UserID int64  // 0 when the actor is not a user
	Name   string // e.g. "user:ana@example.com", "token:ci", "cli"
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID        int64           `json:"id"`
	Actor     string          `json:"actor"`
	Action    string          `json:"action"`
	Target    string          `json:"target"`
	Details   json.RawMessage `json:"details"`
	CreatedAt time.Time       `json:"created_at"`
}

func (s *Store) audit(ctx context.Context, tx *sql.Tx, a Actor, action, target string, details any) error {
	raw, err := json.Marshal(details)
	if err != nil {
		return fmt.Errorf("audit details: %w", err)
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO audit_log (actor, action, target, details, created_at) VALUES (?, ?, ?, ?, ?)`),
		a.Name, action, target, string(raw), time.Now().UnixMicro())
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditLog returns the newest entries of the audit log, at most limit, before
// the entry with id before (0 for the newest).
func (s *Store) AuditLog(ctx context.Context, before int64, limit int) ([]AuditEntry, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q := `SELECT id, actor, action, target, details, created_at FROM audit_log`
	args := []any{}
	if before > 0 {
		q += ` WHERE id < ?`
		args = append(args, before)
	}
	rows, err := s.read.QueryContext(ctx, s.q(q+` ORDER BY id DESC LIMIT `+fmt.Sprint(limit)), args...)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	defer rows.Close()
	out := []AuditEntry{}
	for rows.Next() {
		var e AuditEntry
		var details string
		var at int64
		if err := rows.Scan(&e.ID, &e.Actor, &e.Action, &e.Target, &details, &at); err != nil {
			return nil, fmt.Errorf("audit log: %w", err)
		}
		e.Details, e.CreatedAt = json.RawMessage(details), fromMicro(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
