package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// RoutingModel is a routing model trained by the server.
type RoutingModel struct {
	Version     string    `json:"version"`
	Examples    int       `json:"examples"`
	Corrections int       `json:"corrections"`
	CreatedAt   time.Time `json:"created_at"`
	ActivatedAt time.Time `json:"activated_at"`
	Active      bool      `json:"active"`
}

// SaveRoutingModel keeps a trained model's file, not yet active.
func (s *Store) SaveRoutingModel(ctx context.Context, a Actor, m RoutingModel, data []byte) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO routing_models (version, data, examples, corrections, created_at) VALUES (?, ?, ?, ?, ?)`),
			m.Version, data, m.Examples, m.Corrections, time.Now().UnixMicro())
		if err != nil {
			return fmt.Errorf("save routing model %s: %w", m.Version, err)
		}
		return s.audit(ctx, tx, a, "model.train", m.Version, map[string]int{"examples": m.Examples, "corrections": m.Corrections})
	})
}

// ActivateRoutingModel makes a stored model the one in use.
func (s *Store) ActivateRoutingModel(ctx context.Context, a Actor, version string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE routing_models SET activated_at = ? WHERE version = ?`), time.Now().UnixMicro(), version)
		if err != nil {
			return fmt.Errorf("activate routing model %s: %w", version, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("routing model %s: %w", version, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "model.activate", version, nil)
	})
}

// ActiveRoutingModel returns the model activated last and its file; ok is
// false when none was ever activated (the shipped model is in use).
func (s *Store) ActiveRoutingModel(ctx context.Context) (version string, data []byte, ok bool, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT version, data FROM routing_models WHERE activated_at IS NOT NULL
		ORDER BY activated_at DESC, id DESC LIMIT 1`).Scan(&version, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, false, nil
	}
	if err != nil {
		return "", nil, false, fmt.Errorf("active routing model: %w", err)
	}
	return version, data, true, nil
}

// RoutingModelData returns the file of a stored model.
func (s *Store) RoutingModelData(ctx context.Context, version string) ([]byte, error) {
	var data []byte
	err := s.read.QueryRowContext(ctx, s.q(`SELECT data FROM routing_models WHERE version = ?`), version).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("routing model %s: %w", version, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("routing model %s: %w", version, err)
	}
	return data, nil
}

// RoutingModels lists the stored models, newest first; the first active one
// is in use.
func (s *Store) RoutingModels(ctx context.Context) ([]RoutingModel, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT version, examples, corrections, created_at, activated_at FROM routing_models
		ORDER BY COALESCE(activated_at, 0) DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("routing models: %w", err)
	}
	defer rows.Close()
	out := []RoutingModel{}
	for rows.Next() {
		var m RoutingModel
		var created int64
		var activated *int64
		if err := rows.Scan(&m.Version, &m.Examples, &m.Corrections, &created, &activated); err != nil {
			return nil, fmt.Errorf("routing models: %w", err)
		}
		m.CreatedAt, m.ActivatedAt = fromMicro(created), fromNullMicro(activated)
		out = append(out, m)
	}
	if len(out) > 0 && !out[0].ActivatedAt.IsZero() {
		out[0].Active = true
	}
	return out, rows.Err()
}

// DeactivateRoutingModel takes a model out of use: the model active before
// it (or the shipped one) is in use again.
func (s *Store) DeactivateRoutingModel(ctx context.Context, a Actor, version string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE routing_models SET activated_at = NULL WHERE version = ? AND activated_at IS NOT NULL`), version)
		if err != nil {
			return fmt.Errorf("deactivate routing model %s: %w", version, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("active routing model %s: %w", version, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "model.rollback", version, nil)
	})
}
