package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Statuses of a webhook delivery.
const (
	WebhookPending   = "pending"   // to attempt at NextAt
	WebhookDelivered = "delivered" // the receiver answered 2xx
	WebhookFailed    = "failed"    // retries given up; redelivery by hand
)

// WebhookEvent is one event to send to every subscription that wants its type.
type WebhookEvent struct {
	Key     string // unique per event: storing it twice stores it once
	Type    string // e.g. "message.routed"
	Thread  string // events of one thread are delivered in order
	Payload []byte // the JSON body
}

// WebhookDelivery is one event for one subscription, stored before it is
// attempted, with what a delivery needs to be sent.
type WebhookDelivery struct {
	ID             int64     `json:"id"`
	SubscriptionID int64     `json:"subscription_id"`
	EventKey       string    `json:"event_key"`
	EventType      string    `json:"event_type"`
	Thread         string    `json:"thread"`
	Status         string    `json:"status"`
	Attempts       int       `json:"attempts"`
	NextAt         time.Time `json:"next_at"`
	CreatedAt      time.Time `json:"created_at"`
	DoneAt         time.Time `json:"done_at,omitzero"`
	Payload        string    `json:"-"`
	URL            string    `json:"-"`
	Secret         string    `json:"-"`
}

// EnqueueWebhook stores a pending delivery of e for each subscription that
// wants it and returns how many it stored (0 for an event already stored).
func (s *Store) EnqueueWebhook(ctx context.Context, e WebhookEvent, now time.Time) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = s.enqueueWebhookTx(ctx, tx, e, now)
		return err
	})
	return n, err
}

const webhookDeliveryCols = `d.id, d.subscription_id, d.event_key, d.event_type, d.thread, d.status, d.attempts,
	d.next_at, d.created_at, d.done_at, d.payload, w.url, w.secret`

// DueWebhookDeliveries returns pending deliveries due at now, each the
// oldest pending one of its subscription and thread, at most limit.
func (s *Store) DueWebhookDeliveries(ctx context.Context, now time.Time, limit int) ([]WebhookDelivery, error) {
	return s.webhookDeliveries(ctx, `d.status = 'pending' AND d.next_at <= ? AND NOT EXISTS (
		SELECT 1 FROM webhook_deliveries e WHERE e.subscription_id = d.subscription_id
		AND e.thread = d.thread AND e.status = 'pending' AND e.id < d.id)
		ORDER BY d.id LIMIT ?`, micro(now), limit)
}

// WebhookDeliveries lists a subscription's deliveries, newest first, before
// id before (0 for the newest).
func (s *Store) WebhookDeliveries(ctx context.Context, subID, before int64, limit int) ([]WebhookDelivery, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	if before <= 0 {
		before = 1<<63 - 1
	}
	return s.webhookDeliveries(ctx, `d.subscription_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT ?`, subID, before, limit)
}

// WebhookDeliveryByID returns one delivery.
func (s *Store) WebhookDeliveryByID(ctx context.Context, id int64) (WebhookDelivery, error) {
	list, err := s.webhookDeliveries(ctx, `d.id = ?`, id)
	if err != nil {
		return WebhookDelivery{}, err
	}
	if len(list) == 0 {
		return WebhookDelivery{}, fmt.Errorf("webhook delivery %d: %w", id, ErrNotFound)
	}
	return list[0], nil
}

func (s *Store) webhookDeliveries(ctx context.Context, where string, args ...any) ([]WebhookDelivery, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+webhookDeliveryCols+` FROM webhook_deliveries d
		JOIN webhook_subscriptions w ON w.id = d.subscription_id WHERE `+where), args...)
	if err != nil {
		return nil, fmt.Errorf("webhook deliveries: %w", err)
	}
	defer rows.Close()
	out := []WebhookDelivery{}
	for rows.Next() {
		var d WebhookDelivery
		var next, created int64
		var done *int64
		if err := rows.Scan(&d.ID, &d.SubscriptionID, &d.EventKey, &d.EventType, &d.Thread, &d.Status, &d.Attempts,
			&next, &created, &done, &d.Payload, &d.URL, &d.Secret); err != nil {
			return nil, fmt.Errorf("webhook delivery: %w", err)
		}
		d.NextAt, d.CreatedAt, d.DoneAt = fromMicro(next), fromMicro(created), fromNullMicro(done)
		out = append(out, d)
	}
	return out, rows.Err()
}

// ClaimWebhookDelivery moves a due delivery's next attempt to until, so that
// no other process attempts it meanwhile; false when another process did first.
func (s *Store) ClaimWebhookDelivery(ctx context.Context, d WebhookDelivery, until time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE webhook_deliveries SET next_at = ?
		WHERE id = ? AND status = 'pending' AND next_at = ?`), micro(until), d.ID, micro(d.NextAt))
	if err != nil {
		return false, fmt.Errorf("claim webhook delivery %d: %w", d.ID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RedeliverWebhook makes a delivery pending again, due now, whatever its
// status; it goes out again in its place in its thread.
func (s *Store) RedeliverWebhook(ctx context.Context, a Actor, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE webhook_deliveries SET status = 'pending', next_at = ?, done_at = NULL
			WHERE id = ?`), time.Now().UnixMicro(), id)
		if err != nil {
			return fmt.Errorf("redeliver webhook %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("webhook delivery %d: %w", id, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "webhook.redeliver", fmt.Sprint(id), nil)
	})
}
