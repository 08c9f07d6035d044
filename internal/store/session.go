package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Session is a signed-in browser: the store keeps only the hash of the
// cookie's token, and the session's CSRF token for its forms.
type Session struct {
	ID        int64
	UserID    int64
	CSRFToken string
	IP        string
	UserAgent string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// CreateSession records a session for a user signing in, and audits it.
func (s *Store) CreateSession(ctx context.Context, a Actor, tokenHash string, sess Session) (Session, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO sessions (token_hash, user_id, csrf_token, ip, user_agent, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), tokenHash, sess.UserID, sess.CSRFToken, sess.IP, sess.UserAgent,
			micro(sess.CreatedAt), micro(sess.ExpiresAt)).Scan(&sess.ID)
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return s.audit(ctx, tx, a, "session.create", fmt.Sprint(sess.UserID), map[string]string{"ip": sess.IP})
	})
	return sess, err
}

// SessionByHash returns the unexpired session whose token has this hash.
func (s *Store) SessionByHash(ctx context.Context, tokenHash string, now time.Time) (Session, error) {
	var sess Session
	var created, expires int64
	err := s.read.QueryRowContext(ctx, s.q(`SELECT id, user_id, csrf_token, ip, user_agent, created_at, expires_at
		FROM sessions WHERE token_hash = ? AND expires_at > ?`), tokenHash, micro(now)).
		Scan(&sess.ID, &sess.UserID, &sess.CSRFToken, &sess.IP, &sess.UserAgent, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, fmt.Errorf("session: %w", ErrNotFound)
	}
	if err != nil {
		return sess, fmt.Errorf("session: %w", err)
	}
	sess.CreatedAt, sess.ExpiresAt = fromMicro(created), fromMicro(expires)
	return sess, nil
}

// DeleteSession ends a session (sign-out) and audits it.
func (s *Store) DeleteSession(ctx context.Context, a Actor, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE id = ?`), id); err != nil {
			return fmt.Errorf("delete session %d: %w", id, err)
		}
		return s.audit(ctx, tx, a, "session.delete", fmt.Sprint(id), nil)
	})
}

// DeleteUserSessions ends every session of a user (disabled, new password).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ?`), userID); err != nil {
		return fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their expiry.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE expires_at <= ?`), micro(now)); err != nil {
		return fmt.Errorf("delete expired sessions: %w", err)
	}
	return nil
}
