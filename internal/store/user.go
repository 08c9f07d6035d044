package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// User is a person who signs in: an agent, a lead, a reviewer…
type User struct {
	ID          int64     `json:"id"`
	Email       string    `json:"email"`
	Name        string    `json:"name"`
	Role        string    `json:"role"`
	Departments []string  `json:"departments"`
	Disabled    bool      `json:"disabled"`
	CreatedAt   time.Time `json:"created_at"`
}

// CreateUser adds a user with an already hashed password (may be empty for
// token-only users) and returns it with its id.
func (s *Store) CreateUser(ctx context.Context, a Actor, u User, passwordHash string) (User, error) {
	addr, err := mail.ParseAddress(u.Email)
	if err != nil || addr.Address != u.Email {
		return u, fmt.Errorf("email %q is not a valid address", u.Email)
	}
	u.Email = strings.ToLower(u.Email)
	u.CreatedAt = time.Now().UTC()
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var exists int
		err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM users WHERE email = ?`), u.Email).Scan(&exists)
		if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		if exists > 0 {
			return fmt.Errorf("user %s: %w", u.Email, ErrConflict)
		}
		err = tx.QueryRowContext(ctx, s.q(`INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`),
			u.Email, u.Name, passwordHash, u.Role, micro(u.CreatedAt)).Scan(&u.ID)
		if err != nil {
			return fmt.Errorf("create user %s: %w", u.Email, err)
		}
		if err := s.setUserDepartments(ctx, tx, u.ID, u.Departments); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "user.create", u.Email, map[string]any{"role": u.Role, "departments": u.Departments})
	})
	return u, err
}

// UpdateUser changes a user's name, role, departments and disabled flag.
func (s *Store) UpdateUser(ctx context.Context, a Actor, u User) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET name = ?, role = ?, disabled = ? WHERE id = ?`), u.Name, u.Role, u.Disabled, u.ID)
		if err != nil {
			return fmt.Errorf("update user %d: %w", u.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("user %d: %w", u.ID, ErrNotFound)
		}
		if err := s.setUserDepartments(ctx, tx, u.ID, u.Departments); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "user.update", fmt.Sprint(u.ID), map[string]any{"role": u.Role, "departments": u.Departments, "disabled": u.Disabled})
	})
}

func (s *Store) setUserDepartments(ctx context.Context, tx *sql.Tx, id int64, deps []string) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM user_departments WHERE user_id = ?`), id); err != nil {
		return fmt.Errorf("user %d departments: %w", id, err)
	}
	for _, d := range deps {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM departments WHERE slug = ?`), d).Scan(&n); err != nil {
			return fmt.Errorf("user %d departments: %w", id, err)
		}
		if n == 0 {
			return fmt.Errorf("no department %q", d)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO user_departments (user_id, department) VALUES (?, ?)`), id, d); err != nil {
			return fmt.Errorf("user %d departments: %w", id, err)
		}
	}
	return nil
}

// UserByID returns one user.
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	return s.userWhere(ctx, `id = ?`, id)
}

// UserByEmail returns one user and their password hash.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, string, error) {
	u, err := s.userWhere(ctx, `email = ?`, strings.ToLower(email))
	if err != nil {
		return u, "", err
	}
	var hash string
	err = s.read.QueryRowContext(ctx, s.q(`SELECT password_hash FROM users WHERE id = ?`), u.ID).Scan(&hash)
	return u, hash, err
}

func (s *Store) userWhere(ctx context.Context, cond string, arg any) (User, error) {
	var u User
	var at int64
	err := s.read.QueryRowContext(ctx, s.q(`SELECT id, email, name, role, disabled, created_at FROM users WHERE `+cond), arg).
		Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Disabled, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("user %v: %w", arg, err)
	}
	u.CreatedAt = fromMicro(at)
	u.Departments, err = s.userDepartments(ctx, u.ID)
	return u, err
}

func (s *Store) userDepartments(ctx context.Context, id int64) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT department FROM user_departments WHERE user_id = ? ORDER BY department`), id)
	if err != nil {
		return nil, fmt.Errorf("user %d departments: %w", id, err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, fmt.Errorf("user %d departments: %w", id, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Users lists every user.
func (s *Store) Users(ctx context.Context) ([]User, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id FROM users ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("users: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := make([]User, 0, len(ids))
	for _, id := range ids {
		u, err := s.UserByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}
