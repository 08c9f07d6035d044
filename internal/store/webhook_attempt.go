package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// WebhookAttempt is one call to a receiver, kept in the delivery log.
type WebhookAttempt struct {
	ID             int64         `json:"id"`
	DeliveryID     int64         `json:"delivery_id"`
	SubscriptionID int64         `json:"subscription_id"`
	StatusCode     int           `json:"status_code"` // 0 when no response came
	Body           string        `json:"body"`        // the start of the response
	Duration       time.Duration `json:"duration_ns"`
	Error          string        `json:"error,omitempty"`
	CreatedAt      time.Time     `json:"created_at"`
}

// WebhookOutcome is what follows an attempt: Status is the delivery's new
// status, NextAt its next attempt when still pending.
type WebhookOutcome struct {
	Status string
	NextAt time.Time
}

// RecordWebhookAttempt logs an attempt and applies its outcome to the delivery.
func (s *Store) RecordWebhookAttempt(ctx context.Context, at WebhookAttempt, o WebhookOutcome) error {
	var done any
	if o.Status != WebhookPending {
		done = micro(at.CreatedAt)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO webhook_attempts
			(delivery_id, subscription_id, status_code, body, duration_us, error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
			at.DeliveryID, at.SubscriptionID, at.StatusCode, at.Body, at.Duration.Microseconds(), at.Error, micro(at.CreatedAt)); err != nil {
			return fmt.Errorf("log webhook attempt of %d: %w", at.DeliveryID, err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1,
			next_at = ?, done_at = ? WHERE id = ?`), o.Status, micro(o.NextAt), done, at.DeliveryID); err != nil {
			return fmt.Errorf("update webhook delivery %d: %w", at.DeliveryID, err)
		}
		return nil
	})
}

// WebhookAttempts returns a subscription's delivery log, newest first, at
// most limit (100 by default).
func (s *Store) WebhookAttempts(ctx context.Context, subID int64, limit int) ([]WebhookAttempt, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT id, delivery_id, subscription_id, status_code, body, duration_us, error, created_at
		FROM webhook_attempts WHERE subscription_id = ? ORDER BY id DESC LIMIT ?`), subID, limit)
	if err != nil {
		return nil, fmt.Errorf("webhook attempts of %d: %w", subID, err)
	}
	defer rows.Close()
	out := []WebhookAttempt{}
	for rows.Next() {
		var a WebhookAttempt
		var us, at int64
		if err := rows.Scan(&a.ID, &a.DeliveryID, &a.SubscriptionID, &a.StatusCode, &a.Body, &us, &a.Error, &at); err != nil {
			return nil, fmt.Errorf("webhook attempt: %w", err)
		}
		a.Duration, a.CreatedAt = time.Duration(us)*time.Microsecond, fromMicro(at)
		out = append(out, a)
	}
	return out, rows.Err()
}
