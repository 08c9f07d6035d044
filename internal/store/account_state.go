package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AccountState is how a connector account runs: written by the channel
// supervisor, read by the API.
type AccountState struct {
	AccountID   int64     `json:"account_id"`
	Status      string    `json:"status"` // stopped, connecting, connected, backoff, failed
	Cursor      string    `json:"cursor"`
	LastEventAt time.Time `json:"last_event_at"`
	LagMillis   int64     `json:"lag_ms"`
	LastError   string    `json:"last_error"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// SaveAccountState writes an account's state (all of it, cursor included).
func (s *Store) SaveAccountState(ctx context.Context, st AccountState) error {
	st.UpdatedAt = time.Now().UTC()
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO account_states (account_id, status, cursor, last_event_at, lag_ms, last_error, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET status = excluded.status, cursor = excluded.cursor,
		last_event_at = excluded.last_event_at, lag_ms = excluded.lag_ms, last_error = excluded.last_error, updated_at = excluded.updated_at`),
		st.AccountID, st.Status, st.Cursor, micro(st.LastEventAt), st.LagMillis, st.LastError, micro(st.UpdatedAt))
	if err != nil {
		return fmt.Errorf("save state of account %d: %w", st.AccountID, err)
	}
	return nil
}

// AccountStateOf reads an account's state; an account never run is "stopped"
// with no cursor.
func (s *Store) AccountStateOf(ctx context.Context, id int64) (AccountState, error) {
	st := AccountState{AccountID: id, Status: "stopped"}
	var last, updated int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT status, cursor, last_event_at, lag_ms, last_error, updated_at
		FROM account_states WHERE account_id = ?`), id).Scan(&st.Status, &st.Cursor, &last, &st.LagMillis, &st.LastError, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("state of account %d: %w", id, err)
	}
	st.LastEventAt, st.UpdatedAt = fromMicro(last), fromMicro(updated)
	return st, nil
}
