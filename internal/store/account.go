package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Account is one configured connector account: which network (Kind), what
// to listen to (Config, JSON the connector validates) and its credentials,
// sealed by the channel package (the store never sees them in clear).
type Account struct {
	ID        int64           `json:"id"`
	Kind      string          `json:"kind"`
	Handle    string          `json:"handle"`
	Community string          `json:"community,omitempty"`
	Config    json.RawMessage `json:"config"`
	Secrets   string          `json:"-"`
	Enabled   bool            `json:"enabled"`
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
}

const accountColumns = `a.id, c.name, a.handle, COALESCE(cm.slug, ''), a.config, a.secrets, a.enabled, a.created_at, a.updated_at
	FROM accounts a JOIN channels c ON c.id = a.channel_id LEFT JOIN communities cm ON cm.id = a.community_id`

// CreateAccount adds an account; a kind and handle already configured is ErrConflict.
func (s *Store) CreateAccount(ctx context.Context, a Actor, acc Account) (Account, error) {
	acc.CreatedAt = time.Now().UTC()
	acc.UpdatedAt = acc.CreatedAt
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		chID, err := s.channelID(ctx, tx, acc.Kind)
		if err != nil {
			return err
		}
		var n int
		err = tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM accounts WHERE channel_id = ? AND handle = ?`), chID, acc.Handle).Scan(&n)
		if err != nil {
			return fmt.Errorf("create account: %w", err)
		}
		if n > 0 {
			return fmt.Errorf("account %s %s: %w", acc.Kind, acc.Handle, ErrConflict)
		}
		community, err := s.communityID(ctx, tx, acc.Community)
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, s.q(`INSERT INTO accounts (channel_id, handle, community_id, config, secrets, enabled, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), chID, acc.Handle, community, configText(acc.Config), acc.Secrets,
			acc.Enabled, micro(acc.CreatedAt), micro(acc.UpdatedAt)).Scan(&acc.ID)
		if err != nil {
			return fmt.Errorf("create account %s %s: %w", acc.Kind, acc.Handle, err)
		}
		return s.audit(ctx, tx, a, "account.create", fmt.Sprint(acc.ID), map[string]any{"kind": acc.Kind, "handle": acc.Handle})
	})
	if err != nil {
		s.forgetCommunities()
	}
	return acc, err
}

// UpdateAccount replaces an account's community, config, secrets and enabled
// flag (its kind and handle are its identity and do not change).
func (s *Store) UpdateAccount(ctx context.Context, a Actor, acc Account) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		community, err := s.communityID(ctx, tx, acc.Community)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE accounts SET community_id = ?, config = ?, secrets = ?, enabled = ?, updated_at = ? WHERE id = ?`),
			community, configText(acc.Config), acc.Secrets, acc.Enabled, time.Now().UnixMicro(), acc.ID)
		if err != nil {
			return fmt.Errorf("update account %d: %w", acc.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("account %d: %w", acc.ID, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "account.update", fmt.Sprint(acc.ID), map[string]any{"enabled": acc.Enabled})
	})
	if err != nil {
		s.forgetCommunities()
	}
	return err
}

// DeleteAccount removes an account and its state.
func (s *Store) DeleteAccount(ctx context.Context, a Actor, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM account_states WHERE account_id = ?`), id); err != nil {
			return fmt.Errorf("delete account %d: %w", id, err)
		}
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM accounts WHERE id = ?`), id)
		if err != nil {
			return fmt.Errorf("delete account %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("account %d: %w", id, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "account.delete", fmt.Sprint(id), nil)
	})
}

// Accounts lists every account by id.
func (s *Store) Accounts(ctx context.Context) ([]Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+accountColumns+` ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	defer rows.Close()
	out := []Account{}
	for rows.Next() {
		acc, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, acc)
	}
	return out, rows.Err()
}

// AccountByID reads one account.
func (s *Store) AccountByID(ctx context.Context, id int64) (Account, error) {
	acc, err := scanAccount(s.db.QueryRowContext(ctx, s.q(`SELECT `+accountColumns+` WHERE a.id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return acc, fmt.Errorf("account %d: %w", id, ErrNotFound)
	}
	return acc, err
}

func scanAccount(row interface{ Scan(...any) error }) (Account, error) {
	var acc Account
	var config string
	var created, updated int64
	err := row.Scan(&acc.ID, &acc.Kind, &acc.Handle, &acc.Community, &config, &acc.Secrets, &acc.Enabled, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return acc, err
	}
	if err != nil {
		return acc, fmt.Errorf("account: %w", err)
	}
	acc.Config, acc.CreatedAt, acc.UpdatedAt = json.RawMessage(config), fromMicro(created), fromMicro(updated)
	return acc, nil
}

// channelID finds or creates the channel row of a connector kind.
func (s *Store) channelID(ctx context.Context, tx *sql.Tx, kind string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO channels (name, kind, created_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`), kind, kind, time.Now().UnixMicro()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("channel %q: %w", kind, err)
	}
	return id, nil
}

func configText(raw json.RawMessage) string {
	if len(raw) == 0 {
		return "{}"
	}
	return string(raw)
}
