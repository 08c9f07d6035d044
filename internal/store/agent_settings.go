package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// AgentSettings say how a person takes conversations handed out
// automatically: at most Capacity open at once (0: none), in Languages (empty:
// any), and only while Available.
type AgentSettings struct {
	UserID    int64    `json:"user_id"`
	Capacity  int      `json:"capacity"`
	Languages []string `json:"languages"`
	Available bool     `json:"available"`
}

// SetAgentSettings records a person's settings, audited.
func (s *Store) SetAgentSettings(ctx context.Context, a Actor, st AgentSettings) error {
	if st.Capacity < 0 || st.Capacity > 1000 {
		return fmt.Errorf("capacity %d: want 0 to 1000", st.Capacity)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO agent_settings (user_id, capacity, languages, available, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (user_id) DO UPDATE SET capacity = excluded.capacity, languages = excluded.languages,
			available = excluded.available, updated_at = excluded.updated_at`),
			st.UserID, st.Capacity, strings.Join(st.Languages, ","), st.Available, time.Now().UnixMicro())
		if err != nil {
			return fmt.Errorf("settings of user %d: %w", st.UserID, err)
		}
		return s.audit(ctx, tx, a, "agent.settings", fmt.Sprint(st.UserID), st)
	})
}

// AgentSettingsOf returns a person's settings; a person without any takes
// nothing automatically.
func (s *Store) AgentSettingsOf(ctx context.Context, userID int64) (AgentSettings, error) {
	st := AgentSettings{UserID: userID, Languages: []string{}}
	var langs string
	err := s.read.QueryRowContext(ctx, s.q(`SELECT capacity, languages, available FROM agent_settings WHERE user_id = ?`), userID).
		Scan(&st.Capacity, &langs, &st.Available)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("settings of user %d: %w", userID, err)
	}
	st.Languages = splitLangs(langs)
	return st, nil
}

func splitLangs(s string) []string {
	out := []string{}
	for _, l := range strings.Split(s, ",") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// OpenCounts gives, per assignee, how many unresolved messages they hold.
func (s *Store) OpenCounts(ctx context.Context) (map[int64]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT assignee_id, COUNT(*) FROM messages
		WHERE assignee_id IS NOT NULL AND status <> 'resolved' GROUP BY assignee_id`)
	if err != nil {
		return nil, fmt.Errorf("open conversations per person: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("open conversations per person: %w", err)
		}
		out[id] = n
	}
	return out, rows.Err()
}

// Waiting is an unassigned, unresolved message of a department.
type Waiting struct {
	ID   int64
	Lang string
}

// Unassigned lists a department's unassigned, unresolved messages, oldest first.
func (s *Store) Unassigned(ctx context.Context, department string, limit int) ([]Waiting, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, lang FROM messages
		WHERE department = ? AND assignee_id IS NULL AND status <> 'resolved' ORDER BY created_at, id LIMIT ?`), department, limit)
	if err != nil {
		return nil, fmt.Errorf("unassigned messages of %s: %w", department, err)
	}
	defer rows.Close()
	var out []Waiting
	for rows.Next() {
		var w Waiting
		if err := rows.Scan(&w.ID, &w.Lang); err != nil {
			return nil, fmt.Errorf("unassigned messages of %s: %w", department, err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// AssignIfUnassigned gives a message to a user unless someone has it or it
// is resolved (a person may have claimed it meanwhile); it reports whether it did.
func (s *Store) AssignIfUnassigned(ctx context.Context, a Actor, id, userID int64) (bool, error) {
	done := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE messages SET assignee_id = ? WHERE id = ? AND assignee_id IS NULL AND status <> 'resolved'`), userID, id)
		if err != nil {
			return fmt.Errorf("assign message %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		done = true
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO assignments (message_id, user_id, assigned_by, created_at) VALUES (?, ?, NULL, ?)`),
			id, userID, time.Now().UnixMicro()); err != nil {
			return fmt.Errorf("assign message %d: %w", id, err)
		}
		if err := s.messageOutboxTx(ctx, tx, WebhookAssigned, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "message.assign", fmt.Sprint(id), map[string]any{"user_id": userID, "auto": true})
	})
	return done, err
}
