package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Case statuses.
const (
	CasePending = "pending" // the external system is being called
	CaseCreated = "created"
	CaseFailed  = "failed"
)

// ErrCaseExists is returned when a conversation already has a live case in
// a target and the caller did not force a second one.
var ErrCaseExists = fmt.Errorf("case: %w", ErrConflict)

// Case is a conversation sent to an external system, and what came back.
type Case struct {
	ID           int64     `json:"id"`
	ThreadID     int64     `json:"thread_id"`
	MessageID    int64     `json:"message_id"`
	Target       string    `json:"target"`
	Status       string    `json:"status"`
	Forced       bool      `json:"forced"`
	ExternalID   string    `json:"external_id"`
	ExternalURL  string    `json:"external_url"`
	ResponseCode int       `json:"response_code"`
	ResponseBody string    `json:"response_body"`
	Error        string    `json:"error,omitempty"`
	Actor        string    `json:"actor"`
	CreatedAt    time.Time `json:"created_at"`
	DoneAt       time.Time `json:"done_at,omitzero"`
}

const caseCols = `id, thread_id, message_id, target, status, forced, external_id, external_url, response_code, response_body, error, actor, created_at, done_at`

// ClaimCase records a pending case before the external system is called. A
// live case (pending or created) of the same conversation and target makes
// it fail with ErrCaseExists, returning that case, unless c.Forced. A case
// pending for longer than stale is taken as abandoned (the process calling
// died) and marked failed first.
func (s *Store) ClaimCase(ctx context.Context, a Actor, c Case, stale time.Duration) (Case, error) {
	now := time.Now().UTC().Truncate(time.Microsecond)
	c.Status, c.Actor, c.CreatedAt = CasePending, a.Name, now
	var existing Case
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE cases SET status = ?, error = ?, done_at = ? WHERE status = ? AND created_at < ?`),
			CaseFailed, "abandoned: no answer was recorded", micro(now), CasePending, micro(now.Add(-stale)))
		if err != nil {
			return fmt.Errorf("claim case: %w", err)
		}
		if !c.Forced {
			existing, err = scanCase(tx.QueryRowContext(ctx, s.q(`SELECT `+caseCols+` FROM cases
				WHERE thread_id = ? AND target = ? AND status IN (?, ?) ORDER BY id DESC LIMIT 1`), c.ThreadID, c.Target, CasePending, CaseCreated))
			if err == nil {
				return fmt.Errorf("conversation %d already has case %d in %q (%s): %w", c.ThreadID, existing.ID, c.Target, existing.Status, ErrCaseExists)
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		err = tx.QueryRowContext(ctx, s.q(`INSERT INTO cases (thread_id, message_id, target, status, forced, actor, actor_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), c.ThreadID, c.MessageID, c.Target, c.Status, boolInt(c.Forced), a.Name,
			nullID(a.UserID), micro(now)).Scan(&c.ID)
		if err != nil && strings.Contains(strings.ToLower(err.Error()), "unique") {
			return fmt.Errorf("conversation %d already has a case in %q: %w", c.ThreadID, c.Target, ErrCaseExists)
		}
		if err != nil {
			return fmt.Errorf("claim case: %w", err)
		}
		return nil
	})
	if errors.Is(err, ErrCaseExists) && existing.ID != 0 {
		return existing, err
	}
	return c, err
}

// FinishCase records what the external system answered to a claimed case
// (status created or failed) and audits it.
func (s *Store) FinishCase(ctx context.Context, a Actor, c Case) (Case, error) {
	c.DoneAt = time.Now().UTC().Truncate(time.Microsecond)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE cases SET status = ?, external_id = ?, external_url = ?, response_code = ?,
			response_body = ?, error = ?, done_at = ? WHERE id = ? AND status = ?`), c.Status, c.ExternalID, c.ExternalURL,
			c.ResponseCode, c.ResponseBody, c.Error, micro(c.DoneAt), c.ID, CasePending)
		if err != nil {
			return fmt.Errorf("finish case %d: %w", c.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("pending case %d: %w", c.ID, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "case."+c.Status, fmt.Sprint(c.ThreadID), map[string]any{"case": c.ID, "target": c.Target,
			"external_id": c.ExternalID, "response_code": c.ResponseCode, "forced": c.Forced, "error": c.Error})
	})
	return c, err
}

// Cases lists the cases of a conversation, newest first.
func (s *Store) Cases(ctx context.Context, threadID int64) ([]Case, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+caseCols+` FROM cases WHERE thread_id = ? ORDER BY id DESC`), threadID)
	if err != nil {
		return nil, fmt.Errorf("cases of conversation %d: %w", threadID, err)
	}
	defer rows.Close()
	out := []Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, fmt.Errorf("cases of conversation %d: %w", threadID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func scanCase(row interface{ Scan(...any) error }) (Case, error) {
	var c Case
	var created, forced int64
	var done *int64
	err := row.Scan(&c.ID, &c.ThreadID, &c.MessageID, &c.Target, &c.Status, &forced, &c.ExternalID, &c.ExternalURL,
		&c.ResponseCode, &c.ResponseBody, &c.Error, &c.Actor, &created, &done)
	if err != nil {
		return c, fmt.Errorf("case: %w", err)
	}
	c.CreatedAt, c.DoneAt, c.Forced = fromMicro(created), fromNullMicro(done), forced != 0
	return c, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
