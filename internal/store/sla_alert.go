package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// OpenMessage is what the SLA watch needs of an unresolved message.
type OpenMessage struct {
	ID         int64
	Department string
	Status     message.Status
	ReceivedAt time.Time
	Escalated  bool
}

// OpenMessages lists unresolved messages in a queue after id after, by id, at most limit.
func (s *Store) OpenMessages(ctx context.Context, after int64, limit int) ([]OpenMessage, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, department, status, received_at, escalated FROM messages
		WHERE id > ? AND status <> 'resolved' AND department <> '' ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("open messages: %w", err)
	}
	defer rows.Close()
	var out []OpenMessage
	for rows.Next() {
		var m OpenMessage
		var st string
		var at int64
		if err := rows.Scan(&m.ID, &m.Department, &st, &at, &m.Escalated); err != nil {
			return nil, fmt.Errorf("open messages: %w", err)
		}
		m.Status, m.ReceivedAt = message.Status(st), fromMicro(at)
		out = append(out, m)
	}
	return out, rows.Err()
}

// SLAAlert is one alert on a message: a note to the people named, and
// for a missed target, the message escalated (urgent).
type SLAAlert struct {
	MessageID int64
	Kind      string // warn_first_response, missed_first_response, warn_resolution, missed_resolution
	Note      string
	Notify    []int64 // users mentioned in the note (the department's leads)
	Escalate  bool
}

// RaiseSLAAlert records an alert once: it reports false, changing nothing,
// when this alert was raised already for the message.
func (s *Store) RaiseSLAAlert(ctx context.Context, al SLAAlert) (bool, error) {
	raised := false
	sys := Actor{Name: "system:sla"}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := time.Now().UnixMicro()
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO sla_alerts (message_id, kind, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`),
			al.MessageID, al.Kind, now)
		if err != nil {
			return fmt.Errorf("SLA alert on message %d: %w", al.MessageID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		raised = true
		if err := s.systemNote(ctx, tx, al, now); err != nil {
			return err
		}
		if al.Escalate {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE messages SET escalated = ?, priority = 'urgent' WHERE id = ?`), true, al.MessageID); err != nil {
				return fmt.Errorf("escalate message %d: %w", al.MessageID, err)
			}
		}
		return s.audit(ctx, tx, sys, "sla."+al.Kind, fmt.Sprint(al.MessageID), map[string]any{"notified": al.Notify, "escalated": al.Escalate})
	})
	return raised, err
}

func (s *Store) systemNote(ctx context.Context, tx *sql.Tx, al SLAAlert, now int64) error {
	var noteID int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO notes (message_id, author_id, body, created_at) VALUES (?, NULL, ?, ?) RETURNING id`),
		al.MessageID, al.Note, now).Scan(&noteID)
	if err != nil {
		return fmt.Errorf("SLA note on message %d: %w", al.MessageID, err)
	}
	for _, uid := range al.Notify {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO note_mentions (note_id, user_id) VALUES (?, ?)`), noteID, uid); err != nil {
			return fmt.Errorf("SLA note on message %d: %w", al.MessageID, err)
		}
	}
	return nil
}

// RaisedAlerts gives the alerts already raised for these messages.
func (s *Store) RaisedAlerts(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT message_id, kind FROM sla_alerts WHERE message_id IN (`+marks+`)`), args...)
	if err != nil {
		return nil, fmt.Errorf("SLA alerts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var kind string
		if err := rows.Scan(&id, &kind); err != nil {
			return nil, fmt.Errorf("SLA alerts: %w", err)
		}
		out[id] = append(out[id], kind)
	}
	return out, rows.Err()
}
