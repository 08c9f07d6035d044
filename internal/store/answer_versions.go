package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// AnswerVersion is one version of an answer: what it said, who made it and
// what they did (create, update, import, approved, retired, draft).
type AnswerVersion struct {
	Version   int              `json:"version"`
	Actor     string           `json:"actor"`
	Action    string           `json:"action"`
	CreatedAt time.Time        `json:"created_at"`
	Answer    knowledge.Record `json:"answer"`
}

// AnswerVersions returns every version of an answer, newest first.
func (s *Store) AnswerVersions(ctx context.Context, id string) ([]AnswerVersion, error) {
	if _, err := s.Answer(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT version, actor, action, created_at, snapshot
		FROM answer_versions WHERE answer_id = ? ORDER BY version DESC`), id)
	if err != nil {
		return nil, fmt.Errorf("versions of answer %q: %w", id, err)
	}
	defer rows.Close()
	out := []AnswerVersion{}
	for rows.Next() {
		var v AnswerVersion
		var at int64
		var snap string
		if err := rows.Scan(&v.Version, &v.Actor, &v.Action, &at, &snap); err != nil {
			return nil, fmt.Errorf("versions of answer %q: %w", id, err)
		}
		if err := json.Unmarshal([]byte(snap), &v.Answer); err != nil {
			return nil, fmt.Errorf("answer %q version %d: %w", id, v.Version, err)
		}
		v.CreatedAt = fromMicro(at)
		out = append(out, v)
	}
	return out, rows.Err()
}
