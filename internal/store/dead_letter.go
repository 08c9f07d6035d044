package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// DeadLetter is a message the pipeline could not process, kept with its reason.
type DeadLetter struct {
	ID        int64     `json:"id"`
	Subject   string    `json:"subject"`
	Key       string    `json:"key"`
	Payload   string    `json:"payload"`
	Reason    string    `json:"reason"`
	Attempts  int       `json:"attempts"`
	CreatedAt time.Time `json:"created_at"`
}

// AddDeadLetter keeps a message that cannot be processed.
func (s *Store) AddDeadLetter(ctx context.Context, d DeadLetter) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, s.q(`INSERT INTO dead_letters (subject, msg_key, payload, reason, attempts, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`), d.Subject, d.Key, d.Payload, d.Reason, d.Attempts, time.Now().UnixMicro()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("add dead letter: %w", err)
	}
	return id, nil
}

// DeadLetters lists dead letters, newest first, before id before (0 for the newest).
func (s *Store) DeadLetters(ctx context.Context, before int64, limit int) ([]DeadLetter, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q := `SELECT id, subject, msg_key, payload, reason, attempts, created_at FROM dead_letters`
	args := []any{}
	if before > 0 {
		q += ` WHERE id < ?`
		args = append(args, before)
	}
	rows, err := s.read.QueryContext(ctx, s.q(q+` ORDER BY id DESC LIMIT `+fmt.Sprint(limit)), args...)
	if err != nil {
		return nil, fmt.Errorf("dead letters: %w", err)
	}
	defer rows.Close()
	out := []DeadLetter{}
	for rows.Next() {
		d, err := scanDeadLetter(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func scanDeadLetter(row interface{ Scan(...any) error }) (DeadLetter, error) {
	var d DeadLetter
	var at int64
	if err := row.Scan(&d.ID, &d.Subject, &d.Key, &d.Payload, &d.Reason, &d.Attempts, &at); err != nil {
		return d, fmt.Errorf("dead letter: %w", err)
	}
	d.CreatedAt = fromMicro(at)
	return d, nil
}

// TakeDeadLetter removes a dead letter and returns it, for a retry; a retry
// that fails again makes a new one.
func (s *Store) TakeDeadLetter(ctx context.Context, a Actor, id int64) (DeadLetter, error) {
	var d DeadLetter
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		d, err = scanDeadLetter(tx.QueryRowContext(ctx, s.q(`SELECT id, subject, msg_key, payload, reason, attempts, created_at
			FROM dead_letters WHERE id = ?`), id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("dead letter %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM dead_letters WHERE id = ?`), id); err != nil {
			return fmt.Errorf("take dead letter %d: %w", id, err)
		}
		return s.audit(ctx, tx, a, "deadletter.retry", fmt.Sprint(id), map[string]string{"key": d.Key})
	})
	return d, err
}

// CountDeadLetters gives how many dead letters are kept.
func (s *Store) CountDeadLetters(ctx context.Context) (int64, error) {
	var n int64
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM dead_letters`).Scan(&n)
	return n, err
}
