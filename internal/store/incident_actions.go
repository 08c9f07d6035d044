package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// ErrInvalidIncident is wrapped by the errors of a change to an incident
// refused for its input (no such user, not an approved key message, no note).
var ErrInvalidIncident = errors.New("invalid incident change")

// ErrIncidentClosed is wrapped by the error of a change to a closed incident.
var ErrIncidentClosed = errors.New("incident closed")

// MaxIncidentText bounds a holding statement or a post-mortem note.
const MaxIncidentText = 20000

// AcknowledgeIncident records that someone took the incident in hand; it
// stops its escalation. Acknowledging twice keeps the first.
func (s *Store) AcknowledgeIncident(ctx context.Context, a Actor, id int64) error {
	return s.changeOpenIncident(ctx, a, id, "incident.acknowledge", nil, `acknowledged_at = COALESCE(acknowledged_at, ?),
		acknowledged_by = CASE WHEN acknowledged_by = '' THEN ? ELSE acknowledged_by END, next_escalation_at = NULL`,
		time.Now().UnixMicro(), a.Name)
}

// SetIncidentOwner gives the incident to a user, who must exist and be active.
func (s *Store) SetIncidentOwner(ctx context.Context, a Actor, id, userID int64) error {
	var disabled bool
	err := s.db.QueryRowContext(ctx, s.q(`SELECT disabled FROM users WHERE id = ?`), userID).Scan(&disabled)
	if errors.Is(err, sql.ErrNoRows) || err == nil && disabled {
		return fmt.Errorf("%w: no active user %d", ErrInvalidIncident, userID)
	}
	if err != nil {
		return fmt.Errorf("incident owner: %w", err)
	}
	return s.changeOpenIncident(ctx, a, id, "incident.owner", map[string]int64{"owner_id": userID}, `owner_id = ?`, userID)
}

// SetHoldingStatement sets the incident's holding statement: the body of an
// approved key message of the library when answerID is given, else text.
func (s *Store) SetHoldingStatement(ctx context.Context, a Actor, id int64, text, answerID string) error {
	if answerID != "" {
		rec, err := s.Answer(ctx, answerID)
		if err != nil {
			return fmt.Errorf("%w: holding statement: answer %q: %v", ErrInvalidIncident, answerID, err)
		}
		if rec.Kind != knowledge.KindKeyMessage || rec.State != knowledge.StateApproved {
			return fmt.Errorf("%w: holding statement: %q is a %s in state %s, want an approved key message",
				ErrInvalidIncident, answerID, rec.Kind, rec.State)
		}
		text = rec.Body
	}
	text = strings.TrimSpace(text)
	if text == "" || len(text) > MaxIncidentText {
		return fmt.Errorf("%w: holding statement: give text (1 to %d bytes) or an approved key message's answer_id", ErrInvalidIncident, MaxIncidentText)
	}
	return s.changeOpenIncident(ctx, a, id, "incident.holding_statement", map[string]string{"answer_id": answerID},
		`holding_statement = ?, holding_answer_id = ?`, text, answerID)
}

// CloseIncident closes an open incident with its post-mortem note and
// removes the routing rule it installed, in one transaction.
func (s *Store) CloseIncident(ctx context.Context, a Actor, id int64, note string) error {
	note = strings.TrimSpace(note)
	if note == "" || len(note) > MaxIncidentText {
		return fmt.Errorf("%w: a post-mortem note (1 to %d bytes) is required to close", ErrInvalidIncident, MaxIncidentText)
	}
	return s.changeOpenIncident(ctx, a, id, "incident.close", nil,
		`status = 'closed', closed_at = ?, postmortem = ?, next_escalation_at = NULL`, time.Now().UnixMicro(), note)
}

// changeOpenIncident sets columns of an open incident and audits it; closing
// also removes the incident's rule.
func (s *Store) changeOpenIncident(ctx context.Context, a Actor, id int64, action string, details any, set string, args ...any) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		args = append(args, time.Now().UnixMicro(), id)
		res, err := tx.ExecContext(ctx, s.q(`UPDATE incidents SET `+set+`, updated_at = ? WHERE id = ? AND status = 'open'`), args...)
		if err != nil {
			return fmt.Errorf("%s %d: %w", action, id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return s.notOpen(ctx, tx, id)
		}
		if action == "incident.close" {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM routing_rules WHERE name = ?`), IncidentRuleName(id)); err != nil {
				return fmt.Errorf("remove rule of incident %d: %w", id, err)
			}
			if err := s.incidentOutboxTx(ctx, tx, WebhookIncidentClosed, id); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, a, action, fmt.Sprint(id), details)
	})
}

// notOpen tells a missing incident from a closed one.
func (s *Store) notOpen(ctx context.Context, tx *sql.Tx, id int64) error {
	var status string
	err := tx.QueryRowContext(ctx, s.q(`SELECT status FROM incidents WHERE id = ?`), id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("incident %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("incident %d: %w", id, err)
	}
	return fmt.Errorf("%w: incident %d is %s", ErrIncidentClosed, id, status)
}
