package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// IncidentMessage is one message gathered by an incident.
type IncidentMessage struct {
	MessageID int64
	PostedAt  time.Time
	Negative  bool
	Author    string
	Followers int64
	Terms     []string
}

// AddIncidentMessages gathers messages into an open incident; a message
// already gathered is kept once.
func (s *Store) AddIncidentMessages(ctx context.Context, id int64, msgs []IncidentMessage) error {
	if len(msgs) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, m := range msgs {
			terms, _ := json.Marshal(m.Terms)
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO incident_messages (incident_id, message_id, posted_at, negative, author, followers, terms)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`), id, m.MessageID, micro(m.PostedAt), m.Negative, m.Author, m.Followers, string(terms))
			if err != nil {
				return fmt.Errorf("incident %d: gather message %d: %w", id, m.MessageID, err)
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`UPDATE incidents SET updated_at = ? WHERE id = ?`), time.Now().UnixMicro(), id)
		return err
	})
}

// IncidentMessages lists the messages an incident gathered, oldest first,
// at most limit.
func (s *Store) IncidentMessages(ctx context.Context, id int64, limit int) ([]IncidentMessage, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT message_id, posted_at, negative, author, followers, terms
		FROM incident_messages WHERE incident_id = ? ORDER BY posted_at, message_id LIMIT ?`), id, limit)
	if err != nil {
		return nil, fmt.Errorf("incident %d messages: %w", id, err)
	}
	defer rows.Close()
	var out []IncidentMessage
	for rows.Next() {
		var m IncidentMessage
		var at int64
		var terms string
		if err := rows.Scan(&m.MessageID, &at, &m.Negative, &m.Author, &m.Followers, &terms); err != nil {
			return nil, fmt.Errorf("incident %d messages: %w", id, err)
		}
		m.PostedAt = fromMicro(at)
		if err := json.Unmarshal([]byte(terms), &m.Terms); err != nil {
			return nil, fmt.Errorf("incident %d message %d terms: %w", id, m.MessageID, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
