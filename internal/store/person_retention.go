package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// MaxRetentionDays bounds a community's retention period (100 years).
const MaxRetentionDays = 36500

// Retention is how long a community keeps its messages; 0 days keeps them
// for ever.
type Retention struct {
	Community string    `json:"community"`
	Days      int       `json:"days"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// ErrBadRetention is returned for a period out of range.
var ErrBadRetention = fmt.Errorf("retention days: want 0 (keep for ever) to %d", MaxRetentionDays)

// SetRetention sets a community's retention period; 0 removes it. The
// community must exist.
func (s *Store) SetRetention(ctx context.Context, a Actor, slug string, days int) (Retention, error) {
	if days < 0 || days > MaxRetentionDays {
		return Retention{}, fmt.Errorf("%w, got %d", ErrBadRetention, days)
	}
	now := time.Now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.existingCommunity(ctx, tx, slug)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM community_retention WHERE community_id = ?`), id); err != nil {
			return fmt.Errorf("set retention of %s: %w", slug, err)
		}
		if days > 0 {
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO community_retention (community_id, days, updated_at) VALUES (?, ?, ?)`), id, days, now.UnixMicro())
			if err != nil {
				return fmt.Errorf("set retention of %s: %w", slug, err)
			}
		}
		return s.audit(ctx, tx, a, "retention.set", slug, map[string]int{"days": days})
	})
	if err != nil {
		return Retention{}, err
	}
	return s.Retention(ctx, slug)
}

func (s *Store) existingCommunity(ctx context.Context, tx *sql.Tx, slug string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM communities WHERE slug = ?`), slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("community %q: %w", slug, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("community %q: %w", slug, err)
	}
	return id, nil
}

// Retention returns a community's retention period (0 days when none is set).
func (s *Store) Retention(ctx context.Context, slug string) (Retention, error) {
	r := Retention{Community: slug}
	var days, at sql.NullInt64
	err := s.read.QueryRowContext(ctx, s.q(`SELECT r.days, r.updated_at FROM communities c
		LEFT JOIN community_retention r ON r.community_id = c.id WHERE c.slug = ?`), slug).Scan(&days, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Retention{}, fmt.Errorf("community %q: %w", slug, ErrNotFound)
	}
	if err != nil {
		return Retention{}, fmt.Errorf("retention of %s: %w", slug, err)
	}
	if days.Valid {
		r.Days, r.UpdatedAt = int(days.Int64), fromMicro(at.Int64)
	}
	return r, nil
}

// Retentions lists the communities that have a retention period.
func (s *Store) Retentions(ctx context.Context) ([]Retention, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT c.slug, r.days, r.updated_at FROM community_retention r
		JOIN communities c ON c.id = r.community_id ORDER BY c.slug`)
	if err != nil {
		return nil, fmt.Errorf("retentions: %w", err)
	}
	return scanRows(rows, func(r *sql.Rows) (Retention, error) {
		var x Retention
		var at int64
		err := r.Scan(&x.Community, &x.Days, &at)
		x.UpdatedAt = fromMicro(at)
		return x, err
	})
}
