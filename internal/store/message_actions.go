package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Decision is one routing decision recorded for a message: the automatic one
// and every re-route made by people.
type Decision struct {
	ID             int64     `json:"id"`
	MessageID      int64     `json:"message_id"`
	Kind           string    `json:"kind"` // "auto" or "correction"
	Department     string    `json:"department"`
	Class          string    `json:"class"`
	Confidence     float64   `json:"confidence"`
	Rule           string    `json:"rule,omitempty"`
	Reason         string    `json:"reason"`
	ModelVersion   string    `json:"model_version,omitempty"`
	FromDepartment string    `json:"from_department,omitempty"`
	FromClass      string    `json:"from_class,omitempty"`
	ActorID        int64     `json:"actor_id,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
}

// Correction is a labelled example made by an agent's re-route: the message's
// text and the class people say it belongs to.
type Correction struct {
	ID        int64  `json:"id"`
	MessageID int64  `json:"message_id"`
	Text      string `json:"text"`
	Lang      string `json:"lang"`
	Label     string `json:"label"`
	FromClass string `json:"from_class"`
}

// Reroute moves a message to another department, with the class people say it
// is, and records the change as a correction the model can learn from.
func (s *Store) Reroute(ctx context.Context, a Actor, id int64, department string, class message.Class, reason string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var fromDep, fromClass string
		var conf float64
		err := tx.QueryRowContext(ctx, s.q(`SELECT department, class, confidence FROM messages WHERE id = ?`), id).Scan(&fromDep, &fromClass, &conf)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("message %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("reroute message %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE messages SET department = ?, class = ? WHERE id = ?`), department, string(class), id); err != nil {
			return fmt.Errorf("reroute message %d: %w", id, err)
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO routing_decisions (message_id, kind, department, class, confidence,
			reason, from_department, from_class, actor_id, created_at) VALUES (?, 'correction', ?, ?, 1, ?, ?, ?, ?, ?)`),
			id, department, string(class), reason, fromDep, fromClass, nullID(a.UserID), time.Now().UnixMicro())
		if err != nil {
			return fmt.Errorf("record correction for message %d: %w", id, err)
		}
		return s.audit(ctx, tx, a, "message.reroute", fmt.Sprint(id),
			map[string]string{"from": fromDep, "to": department, "class": string(class), "reason": reason})
	})
}

// SetStatus changes where a message stands.
func (s *Store) SetStatus(ctx context.Context, a Actor, id int64, st message.Status) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.updateInTx(ctx, tx, id, `status = ?`, string(st)); err != nil {
			return err
		}
		if st == message.StatusResolved {
			if err := s.messageOutboxTx(ctx, tx, WebhookResolved, id); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, "message.status", fmt.Sprint(id), map[string]any{"value": string(st)})
	})
}

// SetPriority changes a message's priority.
func (s *Store) SetPriority(ctx context.Context, a Actor, id int64, p message.Priority) error {
	return s.updateMessage(ctx, a, id, "message.priority", `priority = ?`, string(p))
}

// Assign gives a message to a user, or takes it back from whoever has it when userID is 0.
func (s *Store) Assign(ctx context.Context, a Actor, id, userID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.updateInTx(ctx, tx, id, `assignee_id = ?`, nullID(userID)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO assignments (message_id, user_id, assigned_by, created_at) VALUES (?, ?, ?, ?)`),
			id, nullID(userID), nullID(a.UserID), time.Now().UnixMicro())
		if err != nil {
			return fmt.Errorf("assign message %d: %w", id, err)
		}
		if err := s.messageOutboxTx(ctx, tx, WebhookAssigned, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "message.assign", fmt.Sprint(id), map[string]int64{"user_id": userID})
	})
}

func (s *Store) updateMessage(ctx context.Context, a Actor, id int64, action, set string, v any) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.updateInTx(ctx, tx, id, set, v); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, action, fmt.Sprint(id), map[string]any{"value": v})
	})
}

func (s *Store) updateInTx(ctx context.Context, tx *sql.Tx, id int64, set string, v any) error {
	res, err := tx.ExecContext(ctx, s.q(`UPDATE messages SET `+set+` WHERE id = ?`), v, id)
	if err != nil {
		return fmt.Errorf("update message %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("message %d: %w", id, ErrNotFound)
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Decisions returns the routing decisions of a message, oldest first.
func (s *Store) Decisions(ctx context.Context, messageID int64) ([]Decision, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, message_id, kind, department, class, confidence, rule, reason,
		model_version, from_department, from_class, COALESCE(actor_id, 0), created_at
		FROM routing_decisions WHERE message_id = ? ORDER BY id`), messageID)
	if err != nil {
		return nil, fmt.Errorf("decisions of message %d: %w", messageID, err)
	}
	defer rows.Close()
	out := []Decision{}
	for rows.Next() {
		var d Decision
		var at int64
		if err := rows.Scan(&d.ID, &d.MessageID, &d.Kind, &d.Department, &d.Class, &d.Confidence, &d.Rule,
			&d.Reason, &d.ModelVersion, &d.FromDepartment, &d.FromClass, &d.ActorID, &at); err != nil {
			return nil, fmt.Errorf("decisions of message %d: %w", messageID, err)
		}
		d.CreatedAt = fromMicro(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// Corrections returns the labelled examples made by re-routes after the
// decision with id after, oldest first, at most limit.
func (s *Store) Corrections(ctx context.Context, after int64, limit int) ([]Correction, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT d.id, d.message_id, m.text, m.lang, d.class, d.from_class
		FROM routing_decisions d JOIN messages m ON m.id = d.message_id
		WHERE d.kind = 'correction' AND d.id > ? ORDER BY d.id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("corrections: %w", err)
	}
	defer rows.Close()
	out := []Correction{}
	for rows.Next() {
		var c Correction
		if err := rows.Scan(&c.ID, &c.MessageID, &c.Text, &c.Lang, &c.Label, &c.FromClass); err != nil {
			return nil, fmt.Errorf("corrections: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
