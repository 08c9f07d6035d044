package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// answerColumns are the columns read into a knowledge.Record, in scan order.
const answerColumns = `id, kind, title, body, language, communities, classes, departments, tags, examples,
	state, owner, expires_at, version, uses, updated_at`

// AnswerFilter narrows a list of answers; empty fields match everything.
type AnswerFilter struct {
	Kind       knowledge.Kind
	State      knowledge.State
	Language   string
	Department string // answers of this department, or of none
	Tag        string
	After      string // the id of the last answer of the previous page
	Limit      int    // 0 for every answer
}

// Answer returns the current version of the answer with id.
func (s *Store) Answer(ctx context.Context, id string) (knowledge.Record, error) {
	row := s.read.QueryRowContext(ctx, s.q(`SELECT `+answerColumns+` FROM answers WHERE id = ?`), id)
	return scanAnswer(row, id)
}

// Answers lists the current versions of the answers that match f, by id.
func (s *Store) Answers(ctx context.Context, f AnswerFilter) ([]knowledge.Record, error) {
	q, args := `SELECT `+answerColumns+` FROM answers WHERE id > ?`, []any{f.After}
	for col, v := range map[string]string{"kind": string(f.Kind), "state": string(f.State), "language": f.Language} {
		if v != "" {
			q += ` AND ` + col + ` = ?`
			args = append(args, v)
		}
	}
	rows, err := s.read.QueryContext(ctx, s.q(q+` ORDER BY id`), args...)
	if err != nil {
		return nil, fmt.Errorf("answers: %w", err)
	}
	defer rows.Close()
	out := []knowledge.Record{}
	for rows.Next() && (f.Limit <= 0 || len(out) < f.Limit) {
		r, err := scanAnswer(rows, "")
		if err != nil {
			return nil, err
		}
		if f.keeps(&r) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// keeps applies the filters kept in JSON lists.
func (f *AnswerFilter) keeps(r *knowledge.Record) bool {
	if f.Department != "" && len(r.Departments) > 0 && !slices.Contains(r.Departments, f.Department) {
		return false
	}
	return f.Tag == "" || slices.Contains(r.Tags, f.Tag)
}

func scanAnswer(row interface{ Scan(...any) error }, id string) (knowledge.Record, error) {
	var r knowledge.Record
	var lists [5]string
	var expires, updated int64
	err := row.Scan(&r.ID, &r.Kind, &r.Title, &r.Body, &r.Language, &lists[0], &lists[1], &lists[2], &lists[3], &lists[4],
		&r.State, &r.Owner, &expires, &r.Version, &r.Uses, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("answer %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("answer %q: %w", id, err)
	}
	r.ExpiresAt, r.UpdatedAt = fromMicro(expires), fromMicro(updated)
	var classes []string
	for i, dst := range []*[]string{&r.Communities, &classes, &r.Departments, &r.Tags, &r.Examples} {
		if err := json.Unmarshal([]byte(lists[i]), dst); err != nil {
			return r, fmt.Errorf("answer %q: list column %d: %w", r.ID, i, err)
		}
	}
	for _, c := range classes {
		r.Classes = append(r.Classes, message.Class(c))
	}
	return r, nil
}

// jsonList encodes a list column; nil is an empty list.
func jsonList[T any](list []T) string {
	if len(list) == 0 {
		return "[]"
	}
	raw, _ := json.Marshal(list)
	return string(raw)
}
