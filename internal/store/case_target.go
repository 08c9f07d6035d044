package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// CaseTarget is an external system (ERP, CRM, ticketing) where a
// conversation can become a case. The caller checks its fields
// (internal/caseexport); SecretHeaders are sealed and never shown.
type CaseTarget struct {
	ID            int64             `json:"id"`
	Name          string            `json:"name"`
	URL           string            `json:"url"`
	Method        string            `json:"method"`
	Headers       map[string]string `json:"headers"`
	SecretHeaders string            `json:"-"`
	BodyTemplate  string            `json:"body_template"`
	IDPointer     string            `json:"id_pointer"`
	URLPointer    string            `json:"url_pointer"`
	URLTemplate   string            `json:"url_template"`
	TimeoutMS     int               `json:"timeout_ms"`
	CreatedAt     time.Time         `json:"created_at"`
	UpdatedAt     time.Time         `json:"updated_at"`
}

const caseTargetCols = `id, name, url, method, headers, secret_headers, body_template, id_pointer, url_pointer, url_template, timeout_ms, created_at, updated_at`

// PutCaseTarget creates the target of that name or replaces it.
func (s *Store) PutCaseTarget(ctx context.Context, a Actor, t CaseTarget) (CaseTarget, error) {
	headers, err := json.Marshal(t.Headers)
	if err != nil {
		return t, fmt.Errorf("case target %q headers: %w", t.Name, err)
	}
	now := micro(time.Now())
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO case_targets (name, url, method, headers, secret_headers, body_template,
			id_pointer, url_pointer, url_template, timeout_ms, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET url = excluded.url, method = excluded.method, headers = excluded.headers,
			secret_headers = excluded.secret_headers, body_template = excluded.body_template, id_pointer = excluded.id_pointer,
			url_pointer = excluded.url_pointer, url_template = excluded.url_template, timeout_ms = excluded.timeout_ms,
			updated_at = excluded.updated_at`), t.Name, t.URL, t.Method, string(headers), t.SecretHeaders, t.BodyTemplate,
			t.IDPointer, t.URLPointer, t.URLTemplate, t.TimeoutMS, now, now)
		if err != nil {
			return fmt.Errorf("put case target %q: %w", t.Name, err)
		}
		return s.audit(ctx, tx, a, "case_target.put", t.Name, map[string]any{"url": t.URL, "method": t.Method})
	})
	if err != nil {
		return t, err
	}
	return s.CaseTarget(ctx, t.Name)
}

// CaseTarget returns the target of that name.
func (s *Store) CaseTarget(ctx context.Context, name string) (CaseTarget, error) {
	t, err := scanCaseTarget(s.db.QueryRowContext(ctx, s.q(`SELECT `+caseTargetCols+` FROM case_targets WHERE name = ?`), name))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("case target %q: %w", name, ErrNotFound)
	}
	return t, err
}

// CaseTargets lists every target by name.
func (s *Store) CaseTargets(ctx context.Context) ([]CaseTarget, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+caseTargetCols+` FROM case_targets ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("case targets: %w", err)
	}
	defer rows.Close()
	out := []CaseTarget{}
	for rows.Next() {
		t, err := scanCaseTarget(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// DeleteCaseTarget removes a target; the cases made with it stay.
func (s *Store) DeleteCaseTarget(ctx context.Context, a Actor, name string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM case_targets WHERE name = ?`), name)
		if err != nil {
			return fmt.Errorf("delete case target %q: %w", name, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("case target %q: %w", name, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "case_target.delete", name, nil)
	})
}

func scanCaseTarget(row interface{ Scan(...any) error }) (CaseTarget, error) {
	var t CaseTarget
	var headers string
	var created, updated int64
	err := row.Scan(&t.ID, &t.Name, &t.URL, &t.Method, &headers, &t.SecretHeaders, &t.BodyTemplate,
		&t.IDPointer, &t.URLPointer, &t.URLTemplate, &t.TimeoutMS, &created, &updated)
	if err != nil {
		return t, fmt.Errorf("case target: %w", err)
	}
	t.Headers = map[string]string{}
	if err := json.Unmarshal([]byte(headers), &t.Headers); err != nil {
		return t, fmt.Errorf("case target %q headers: %w", t.Name, err)
	}
	t.CreatedAt, t.UpdatedAt = fromMicro(created), fromMicro(updated)
	return t, nil
}
