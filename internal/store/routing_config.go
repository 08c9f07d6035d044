package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/route"
)

// RoutingConfig reads the departments, rules and triage threshold.
func (s *Store) RoutingConfig(ctx context.Context) (route.Config, error) {
	deps, err := s.Departments(ctx)
	if err != nil {
		return route.Config{}, err
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		return route.Config{}, err
	}
	cfg := route.Config{Departments: deps, Rules: rules}
	v, err := s.setting(ctx, "triage_below")
	if err != nil {
		return cfg, err
	}
	if v != "" {
		cfg.TriageBelow, _ = strconv.ParseFloat(v, 64)
	}
	return cfg, nil
}

// HasDepartments reports whether any department is configured yet.
func (s *Store) HasDepartments(ctx context.Context) (bool, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM departments`).Scan(&n); err != nil {
		return false, fmt.Errorf("count departments: %w", err)
	}
	return n > 0, nil
}

// ApplyConfig writes a validated configuration: departments it names are
// created or replaced (others are kept), its rules replace the rules, and its
// triage threshold is set.
func (s *Store) ApplyConfig(ctx context.Context, a Actor, cfg route.Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, d := range cfg.Departments {
			if err := s.upsertDepartment(ctx, tx, d); err != nil {
				return err
			}
		}
		if err := s.replaceRules(ctx, tx, cfg.Rules); err != nil {
			return err
		}
		if err := s.setSetting(ctx, tx, "triage_below", strconv.FormatFloat(cfg.TriageBelow, 'f', -1, 64)); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "routing.apply", "", map[string]int{"departments": len(cfg.Departments), "rules": len(cfg.Rules)})
	})
}

// Departments lists the departments by slug.
func (s *Store) Departments(ctx context.Context) ([]route.Department, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT slug, name, classes, sla_first_response_s, sla_resolution_s, business_hours
		FROM departments ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("departments: %w", err)
	}
	defer rows.Close()
	out := []route.Department{}
	for rows.Next() {
		var d route.Department
		var classes, hours string
		var first, resolve int64
		if err := rows.Scan(&d.Slug, &d.Name, &classes, &first, &resolve, &hours); err != nil {
			return nil, fmt.Errorf("departments: %w", err)
		}
		if err := errors.Join(json.Unmarshal([]byte(classes), &d.Classes), json.Unmarshal([]byte(hours), &d.BusinessHours)); err != nil {
			return nil, fmt.Errorf("department %s: %w", d.Slug, err)
		}
		d.SLA.FirstResponse = route.Duration(time.Duration(first) * time.Second)
		d.SLA.Resolution = route.Duration(time.Duration(resolve) * time.Second)
		out = append(out, d)
	}
	return out, rows.Err()
}

// SaveDepartment creates or replaces one department. The caller checks the
// whole configuration stays valid (a class taken by two departments).
func (s *Store) SaveDepartment(ctx context.Context, a Actor, d route.Department) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.upsertDepartment(ctx, tx, d); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "department.save", d.Slug, d)
	})
}

// DeleteDepartment removes a department; its messages keep their slug.
func (s *Store) DeleteDepartment(ctx context.Context, a Actor, slug string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM departments WHERE slug = ?`), slug)
		if err != nil {
			return fmt.Errorf("delete department %s: %w", slug, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("department %s: %w", slug, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "department.delete", slug, nil)
	})
}

func (s *Store) upsertDepartment(ctx context.Context, tx *sql.Tx, d route.Department) error {
	classes, _ := json.Marshal(d.Classes)
	hours, _ := json.Marshal(d.BusinessHours)
	now := time.Now().UnixMicro()
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO departments (slug, name, classes, sla_first_response_s, sla_resolution_s,
		business_hours, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (slug) DO UPDATE SET name = excluded.name, classes = excluded.classes,
		sla_first_response_s = excluded.sla_first_response_s, sla_resolution_s = excluded.sla_resolution_s,
		business_hours = excluded.business_hours, updated_at = excluded.updated_at`),
		d.Slug, d.Name, string(classes), int64(time.Duration(d.SLA.FirstResponse)/time.Second),
		int64(time.Duration(d.SLA.Resolution)/time.Second), string(hours), now, now)
	if err != nil {
		return fmt.Errorf("save department %s: %w", d.Slug, err)
	}
	return nil
}

// Rules lists the routing rules in the order they run.
func (s *Store) Rules(ctx context.Context) ([]route.Rule, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT name, enabled, conditions, actions FROM routing_rules ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	defer rows.Close()
	out := []route.Rule{}
	for rows.Next() {
		var r route.Rule
		var enabled bool
		var when, then string
		if err := rows.Scan(&r.Name, &enabled, &when, &then); err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		if err := errors.Join(json.Unmarshal([]byte(when), &r.When), json.Unmarshal([]byte(then), &r.Then)); err != nil {
			return nil, fmt.Errorf("rule %s: %w", r.Name, err)
		}
		if !enabled {
			r.Enabled = &enabled
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SetRules replaces the routing rules with rules, in that order.
func (s *Store) SetRules(ctx context.Context, a Actor, rules []route.Rule) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.replaceRules(ctx, tx, rules); err != nil {
			return err
		}
		names := make([]string, len(rules))
		for i, r := range rules {
			names[i] = r.Name
		}
		return s.audit(ctx, tx, a, "rules.set", "", names)
	})
}

func (s *Store) replaceRules(ctx context.Context, tx *sql.Tx, rules []route.Rule) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM routing_rules`); err != nil {
		return fmt.Errorf("replace rules: %w", err)
	}
	now := time.Now().UnixMicro()
	for i, r := range rules {
		when, _ := json.Marshal(r.When)
		then, _ := json.Marshal(r.Then)
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO routing_rules (name, position, enabled, conditions, actions, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`), r.Name, i, r.IsEnabled(), string(when), string(then), now, now)
		if err != nil {
			return fmt.Errorf("save rule %q: %w", r.Name, err)
		}
	}
	return nil
}

func (s *Store) setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.read.QueryRowContext(ctx, s.q(`SELECT value FROM settings WHERE key = ?`), key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("setting %s: %w", key, err)
	}
	return v, nil
}

func (s *Store) setSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`), key, value)
	if err != nil {
		return fmt.Errorf("setting %s: %w", key, err)
	}
	return nil
}
