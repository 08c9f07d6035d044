package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// Events stored with the change they tell, in its transaction, so that a
// change is never made without its webhook deliveries (an outbox).
const (
	WebhookIncidentOpened = "incident.opened"
	WebhookIncidentClosed = "incident.closed"
	WebhookReplySent      = "reply.sent"
)

// enqueueWebhookTx stores a pending delivery of e for each subscription that
// wants it, once per subscription and event key.
func (s *Store) enqueueWebhookTx(ctx context.Context, tx *sql.Tx, e WebhookEvent, now time.Time) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+webhookSubCols+` FROM webhook_subscriptions ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("webhook subscriptions: %w", err)
	}
	var subs []WebhookSubscription
	for rows.Next() {
		w, err := scanWebhookSub(rows)
		if err != nil {
			rows.Close()
			return 0, err
		}
		subs = append(subs, w)
	}
	rows.Close()
	n := 0
	for _, sub := range subs {
		if !sub.Wants(e.Type) {
			continue
		}
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO webhook_deliveries
			(subscription_id, event_key, event_type, thread, payload, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (subscription_id, event_key) DO NOTHING`),
			sub.ID, e.Key, e.Type, e.Thread, string(e.Payload), micro(now), micro(now))
		if err != nil {
			return n, fmt.Errorf("enqueue webhook %s for %d: %w", e.Key, sub.ID, err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	return n, nil
}

// outboxTx stores an event of type typ about object (its JSON field named
// field) in the conversation thread.
func (s *Store) outboxTx(ctx context.Context, tx *sql.Tx, typ, key, thread, field string, object any) error {
	now := time.Now().UTC()
	body, err := json.Marshal(map[string]any{"id": key, "type": typ, "thread": thread, "occurred_at": now, field: object})
	if err != nil {
		return fmt.Errorf("webhook payload %s: %w", key, err)
	}
	_, err = s.enqueueWebhookTx(ctx, tx, WebhookEvent{Key: key, Type: typ, Thread: thread, Payload: body}, now)
	return err
}

// incidentOutboxTx stores an incident's event with the incident as it is now.
func (s *Store) incidentOutboxTx(ctx context.Context, tx *sql.Tx, typ string, id int64) error {
	var in struct {
		ID         int64  `json:"id"`
		Community  string `json:"community"`
		Status     string `json:"status"`
		Severity   string `json:"severity"`
		Title      string `json:"title"`
		Postmortem string `json:"postmortem,omitempty"`
	}
	err := tx.QueryRowContext(ctx, s.q(`SELECT id, community, status, severity, title, postmortem FROM incidents WHERE id = ?`), id).
		Scan(&in.ID, &in.Community, &in.Status, &in.Severity, &in.Title, &in.Postmortem)
	if err != nil {
		return fmt.Errorf("incident %d for webhooks: %w", id, err)
	}
	return s.outboxTx(ctx, tx, typ, fmt.Sprintf("%s:%d", typ, id), fmt.Sprintf("incident:%d", id), "incident", in)
}

// replyOutboxTx stores the event of a reply posted, in its conversation.
func (s *Store) replyOutboxTx(ctx context.Context, tx *sql.Tx, id int64) error {
	var r struct {
		ID         int64  `json:"id"`
		MessageID  int64  `json:"message_id"`
		ThreadID   int64  `json:"thread_id"`
		Body       string `json:"body"`
		ExternalID string `json:"external_id"`
	}
	err := tx.QueryRowContext(ctx, s.q(`SELECT r.id, r.message_id, m.thread_id, r.body, r.external_id
		FROM replies r JOIN messages m ON m.id = r.message_id WHERE r.id = ?`), id).
		Scan(&r.ID, &r.MessageID, &r.ThreadID, &r.Body, &r.ExternalID)
	if err != nil {
		return fmt.Errorf("reply %d for webhooks: %w", id, err)
	}
	return s.outboxTx(ctx, tx, WebhookReplySent, fmt.Sprintf("%s:%d", WebhookReplySent, id), fmt.Sprintf("thread:%d", r.ThreadID), "reply", r)
}

// Conversation events, stored with the assignment or the status change.
const (
	WebhookAssigned = "conversation.assigned"
	WebhookResolved = "conversation.resolved"
)

// messageOutboxTx stores a conversation event about message id as it is
// now; an "assigned" event of a message nobody has is not one.
func (s *Store) messageOutboxTx(ctx context.Context, tx *sql.Tx, typ string, id int64) error {
	var m struct {
		MessageID  int64  `json:"message_id"`
		ThreadID   int64  `json:"thread_id"`
		Department string `json:"department"`
		Status     string `json:"status"`
		AssigneeID int64  `json:"assignee_id,omitempty"`
	}
	err := tx.QueryRowContext(ctx, s.q(`SELECT id, thread_id, department, status, COALESCE(assignee_id, 0) FROM messages WHERE id = ?`), id).
		Scan(&m.MessageID, &m.ThreadID, &m.Department, &m.Status, &m.AssigneeID)
	if err != nil {
		return fmt.Errorf("message %d for webhooks: %w", id, err)
	}
	if typ == WebhookAssigned && m.AssigneeID == 0 {
		return nil
	}
	key := fmt.Sprintf("%s:%d:%d", typ, id, time.Now().UnixMicro()) // one event per change
	return s.outboxTx(ctx, tx, typ, key, fmt.Sprintf("thread:%d", m.ThreadID), "conversation", m)
}
