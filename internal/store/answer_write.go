package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// ErrStale is returned when a change names a version of an answer that is no
// longer the current one: someone changed it in between.
var ErrStale = fmt.Errorf("changed since: %w", ErrConflict)

// CreateAnswer stores a new answer as its version 1. The owner defaults to
// the actor; an id already taken is ErrConflict.
func (s *Store) CreateAnswer(ctx context.Context, a Actor, r knowledge.Record) (knowledge.Record, error) {
	if r.Owner == "" {
		r.Owner = a.Name
	}
	if err := r.Check(); err != nil {
		return r, err
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.answerInTx(ctx, tx, r.ID); err == nil {
			return fmt.Errorf("answer %q: %w", r.ID, ErrConflict)
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		return s.insertAnswer(ctx, tx, a, &r)
	})
	return r, err
}

// UpdateAnswer replaces the content of an answer by r, as a new version; the
// uses and state are kept unless r gives a state. When r.Version is not 0 it
// must be the current version (else ErrStale). An update that changes
// nothing makes no version.
func (s *Store) UpdateAnswer(ctx context.Context, a Actor, r knowledge.Record) (knowledge.Record, error) {
	return s.changeAnswer(ctx, a, r.ID, "update", func(cur *knowledge.Record) error {
		if r.Version != 0 && r.Version != cur.Version {
			return fmt.Errorf("answer %q is at version %d, not %d: %w", r.ID, cur.Version, r.Version, ErrStale)
		}
		if r.State == "" {
			r.State = cur.State
		}
		if r.Owner == "" {
			r.Owner = cur.Owner
		}
		if r.Kind == "" {
			r.Kind = cur.Kind
		}
		r.Version, r.Uses = cur.Version, cur.Uses
		*cur = r
		return nil
	})
}

// SetAnswerState approves, retires or returns an answer to draft, as a new
// version; setting the state it already has changes nothing.
func (s *Store) SetAnswerState(ctx context.Context, a Actor, id string, st knowledge.State) (knowledge.Record, error) {
	if !st.Valid() {
		return knowledge.Record{}, fmt.Errorf("%w %q: unknown state %q", knowledge.ErrInvalidAnswer, id, st)
	}
	return s.changeAnswer(ctx, a, id, string(st), func(cur *knowledge.Record) error {
		cur.State = st
		return nil
	})
}

// changeAnswer loads the answer with id, lets change edit it, and stores the
// result as a new version when its content changed.
func (s *Store) changeAnswer(ctx context.Context, a Actor, id, action string, change func(*knowledge.Record) error) (knowledge.Record, error) {
	var out knowledge.Record
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		cur, err := s.answerInTx(ctx, tx, id)
		if err != nil {
			return err
		}
		next := cur
		next.Answer = cur.Clone()
		if err := change(&next); err != nil {
			return err
		}
		if err := next.Check(); err != nil {
			return err
		}
		if knowledge.SameContent(&cur, &next) {
			out = cur
			return nil
		}
		out = next
		return s.writeVersion(ctx, tx, a, &out, action)
	})
	return out, err
}

// answerInTx reads the current answer inside a transaction, locking its row
// on PostgreSQL (SQLite transactions already hold the only writer).
func (s *Store) answerInTx(ctx context.Context, tx *sql.Tx, id string) (knowledge.Record, error) {
	q := `SELECT ` + answerColumns + ` FROM answers WHERE id = ?`
	if s.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	return scanAnswer(tx.QueryRowContext(ctx, s.q(q), id), id)
}

func (s *Store) insertAnswer(ctx context.Context, tx *sql.Tx, a Actor, r *knowledge.Record) error {
	r.Version, r.UpdatedAt = 1, time.Now().UTC().Truncate(time.Microsecond)
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO answers (`+answerColumns+`, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), append(answerArgs(r), micro(r.UpdatedAt))...)
	if err != nil {
		return fmt.Errorf("create answer %q: %w", r.ID, err)
	}
	return s.keepVersion(ctx, tx, a, r, "create")
}

// writeVersion stores r as the next version of its answer.
func (s *Store) writeVersion(ctx context.Context, tx *sql.Tx, a Actor, r *knowledge.Record, action string) error {
	r.Version++
	r.UpdatedAt = time.Now().UTC().Truncate(time.Microsecond)
	args := answerArgs(r)
	_, err := tx.ExecContext(ctx, s.q(`UPDATE answers SET kind = ?, title = ?, body = ?, language = ?, communities = ?,
		classes = ?, departments = ?, tags = ?, examples = ?, state = ?, owner = ?, expires_at = ?, version = ?, uses = ?,
		updated_at = ? WHERE id = ?`), append(args[1:], r.ID)...)
	if err != nil {
		return fmt.Errorf("update answer %q: %w", r.ID, err)
	}
	return s.keepVersion(ctx, tx, a, r, action)
}

func answerArgs(r *knowledge.Record) []any {
	return []any{r.ID, string(r.Kind), r.Title, r.Body, r.Language, jsonList(r.Communities), jsonList(r.Classes),
		jsonList(r.Departments), jsonList(r.Tags), jsonList(r.Examples), string(r.State), r.Owner,
		micro(r.ExpiresAt), r.Version, r.Uses, micro(r.UpdatedAt)}
}

// keepVersion writes r to the version history and the audit log.
func (s *Store) keepVersion(ctx context.Context, tx *sql.Tx, a Actor, r *knowledge.Record, action string) error {
	snap, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("answer %q version %d: %w", r.ID, r.Version, err)
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO answer_versions (answer_id, version, snapshot, actor, action, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`), r.ID, r.Version, string(snap), a.Name, action, micro(r.UpdatedAt))
	if err != nil {
		return fmt.Errorf("answer %q version %d: %w", r.ID, r.Version, err)
	}
	return s.audit(ctx, tx, a, "answer."+action, r.ID, map[string]any{"version": r.Version, "state": r.State})
}
