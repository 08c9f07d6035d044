package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Token is an API token as stored: never its plain text.
type Token struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Role       string    `json:"role"`
	UserID     int64     `json:"user_id,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
	Revoked    bool      `json:"revoked"`
}

// CreateToken stores a token's hash with its name, role and optional user.
func (s *Store) CreateToken(ctx context.Context, a Actor, name, role string, userID int64, hash string) (Token, error) {
	t := Token{Name: name, Role: role, UserID: userID, CreatedAt: time.Now().UTC()}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO api_tokens (name, token_hash, role, user_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`),
			name, hash, role, nullID(userID), micro(t.CreatedAt)).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("create token %q: %w", name, err)
		}
		return s.audit(ctx, tx, a, "token.create", fmt.Sprint(t.ID), map[string]any{"name": name, "role": role, "user_id": userID})
	})
	return t, err
}

// TokenByHash finds a live (not revoked) token by its hash.
func (s *Store) TokenByHash(ctx context.Context, hash string) (Token, error) {
	var t Token
	var uid sql.NullInt64
	var created int64
	var used *int64
	err := s.read.QueryRowContext(ctx, s.q(`SELECT id, name, role, user_id, created_at, last_used_at FROM api_tokens
		WHERE token_hash = ? AND revoked_at IS NULL`), hash).Scan(&t.ID, &t.Name, &t.Role, &uid, &created, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("token: %w", ErrNotFound)
	}
	if err != nil {
		return t, fmt.Errorf("token: %w", err)
	}
	t.UserID, t.CreatedAt, t.LastUsedAt = uid.Int64, fromMicro(created), fromNullMicro(used)
	return t, nil
}

// TouchToken records that a token was used now.
func (s *Store) TouchToken(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`), time.Now().UnixMicro(), id)
	if err != nil {
		return fmt.Errorf("touch token %d: %w", id, err)
	}
	return nil
}

// Tokens lists every token, revoked ones included.
func (s *Store) Tokens(ctx context.Context) ([]Token, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, name, role, COALESCE(user_id, 0), created_at, last_used_at, revoked_at FROM api_tokens ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	defer rows.Close()
	out := []Token{}
	for rows.Next() {
		var t Token
		var created int64
		var used, revoked *int64
		if err := rows.Scan(&t.ID, &t.Name, &t.Role, &t.UserID, &created, &used, &revoked); err != nil {
			return nil, fmt.Errorf("tokens: %w", err)
		}
		t.CreatedAt, t.LastUsedAt, t.Revoked = fromMicro(created), fromNullMicro(used), revoked != nil
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken makes a token unusable.
func (s *Store) RevokeToken(ctx context.Context, a Actor, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`), time.Now().UnixMicro(), id)
		if err != nil {
			return fmt.Errorf("revoke token %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("live token %d: %w", id, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "token.revoke", fmt.Sprint(id), nil)
	})
}
