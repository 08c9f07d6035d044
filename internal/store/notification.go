package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Notification is one notice of an incident sent to general management:
// in the app, by email or by webhook, at an escalation level.
type Notification struct {
	ID         int64     `json:"id"`
	IncidentID int64     `json:"incident_id"`
	Level      int       `json:"level"`
	Channel    string    `json:"channel"` // app, email, webhook
	Recipient  string    `json:"recipient"`
	Subject    string    `json:"subject"`
	Status     string    `json:"status"` // sent, failed
	Error      string    `json:"error,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// DueEscalations lists the open incidents, not acknowledged, whose next
// escalation is due at now, or that were never notified.
func (s *Store) DueEscalations(ctx context.Context, now time.Time) ([]Incident, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+incidentColumns+` FROM incidents WHERE status = 'open'
		AND acknowledged_at IS NULL AND (escalation_level = 0 OR next_escalation_at <= ?) ORDER BY id`), now.UnixMicro())
	if err != nil {
		return nil, fmt.Errorf("due escalations: %w", err)
	}
	defer rows.Close()
	var out []Incident
	for rows.Next() {
		in, err := scanIncident(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// ClaimEscalation moves an incident from escalation level from to level,
// due again at next (zero: never). It changes nothing, and reports false,
// when the incident was acknowledged, closed or escalated by another process
// in the meantime, so that each level is notified once.
func (s *Store) ClaimEscalation(ctx context.Context, id int64, from, level int, next time.Time) (bool, error) {
	claimed := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var nextAt any
		if !next.IsZero() {
			nextAt = next.UnixMicro()
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE incidents SET escalation_level = ?, next_escalation_at = ?
			WHERE id = ? AND status = 'open' AND acknowledged_at IS NULL AND escalation_level = ?`), level, nextAt, id, from)
		if err != nil {
			return fmt.Errorf("escalate incident %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		claimed = true
		return s.audit(ctx, tx, Actor{Name: "system:crisis"}, "incident.escalate", fmt.Sprint(id), map[string]int{"level": level})
	})
	return claimed, err
}

// AddNotifications records the notices sent for an incident at a level.
func (s *Store) AddNotifications(ctx context.Context, id int64, level int, sent []Notification) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, n := range sent {
			if err := s.insertNotification(ctx, tx, id, level, n); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) insertNotification(ctx context.Context, tx *sql.Tx, id int64, level int, n Notification) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO notifications (incident_id, level, channel, recipient, subject, status, error, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), id, level, n.Channel, n.Recipient, n.Subject, n.Status, n.Error, time.Now().UnixMicro())
	if err != nil {
		return fmt.Errorf("notification of incident %d: %w", id, err)
	}
	return nil
}

// Notifications lists notifications, newest first: of one incident, or of
// every incident when incidentID is 0; at most limit.
func (s *Store) Notifications(ctx context.Context, incidentID int64, limit int) ([]Notification, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	q, args := `SELECT id, incident_id, level, channel, recipient, subject, status, error, created_at FROM notifications`, []any{}
	if incidentID > 0 {
		q += ` WHERE incident_id = ?`
		args = append(args, incidentID)
	}
	rows, err := s.db.QueryContext(ctx, s.q(q+` ORDER BY id DESC LIMIT `+fmt.Sprint(limit)), args...)
	if err != nil {
		return nil, fmt.Errorf("notifications: %w", err)
	}
	defer rows.Close()
	out := []Notification{}
	for rows.Next() {
		var n Notification
		var at int64
		if err := rows.Scan(&n.ID, &n.IncidentID, &n.Level, &n.Channel, &n.Recipient, &n.Subject, &n.Status, &n.Error, &at); err != nil {
			return nil, fmt.Errorf("notifications: %w", err)
		}
		n.CreatedAt = fromMicro(at)
		out = append(out, n)
	}
	return out, rows.Err()
}
