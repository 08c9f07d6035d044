package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ErrInvalidWebhook is wrapped by the errors of a refused webhook subscription.
var ErrInvalidWebhook = errors.New("invalid webhook subscription")

// WebhookSubscription is where and what to send of Switchboard's events.
// The secret signs every call; it is stored and never shown again.
type WebhookSubscription struct {
	ID          int64     `json:"id"`
	URL         string    `json:"url"`
	Secret      string    `json:"-"`
	Events      []string  `json:"events"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
}

// Wants reports whether the subscription takes events of type t.
func (w WebhookSubscription) Wants(t string) bool {
	for _, e := range w.Events {
		if e == t {
			return true
		}
	}
	return false
}

func (w WebhookSubscription) check() error {
	u, err := url.Parse(w.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: url %q: want an absolute http or https URL", ErrInvalidWebhook, w.URL)
	}
	if len(w.Secret) < 16 {
		return fmt.Errorf("%w: the secret must have at least 16 characters", ErrInvalidWebhook)
	}
	if len(w.Events) == 0 {
		return fmt.Errorf("%w: no event types", ErrInvalidWebhook)
	}
	return nil
}

// CreateWebhookSubscription stores a subscription; the caller checks that
// its event types exist.
func (s *Store) CreateWebhookSubscription(ctx context.Context, a Actor, w WebhookSubscription) (WebhookSubscription, error) {
	if err := w.check(); err != nil {
		return w, err
	}
	w.CreatedAt = time.Now().UTC().Truncate(time.Microsecond)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO webhook_subscriptions (url, secret, events, description, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`), w.URL, w.Secret, strings.Join(w.Events, ","), w.Description, micro(w.CreatedAt)).Scan(&w.ID)
		if err != nil {
			return fmt.Errorf("create webhook subscription: %w", err)
		}
		return s.audit(ctx, tx, a, "webhook.create", fmt.Sprint(w.ID), map[string]any{"url": w.URL, "events": w.Events})
	})
	return w, err
}

const webhookSubCols = `id, url, secret, events, description, created_at`

// WebhookSubscriptions lists every subscription, oldest first.
func (s *Store) WebhookSubscriptions(ctx context.Context) ([]WebhookSubscription, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+webhookSubCols+` FROM webhook_subscriptions ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("webhook subscriptions: %w", err)
	}
	defer rows.Close()
	out := []WebhookSubscription{}
	for rows.Next() {
		w, err := scanWebhookSub(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// WebhookSubscription returns one subscription.
func (s *Store) WebhookSubscription(ctx context.Context, id int64) (WebhookSubscription, error) {
	w, err := scanWebhookSub(s.read.QueryRowContext(ctx, s.q(`SELECT `+webhookSubCols+` FROM webhook_subscriptions WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return w, fmt.Errorf("webhook subscription %d: %w", id, ErrNotFound)
	}
	return w, err
}

// DeleteWebhookSubscription removes a subscription with its deliveries and log.
func (s *Store) DeleteWebhookSubscription(ctx context.Context, a Actor, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{
			`DELETE FROM webhook_attempts WHERE subscription_id = ?`,
			`DELETE FROM webhook_deliveries WHERE subscription_id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, s.q(q), id); err != nil {
				return fmt.Errorf("delete webhook subscription %d: %w", id, err)
			}
		}
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM webhook_subscriptions WHERE id = ?`), id)
		if err != nil {
			return fmt.Errorf("delete webhook subscription %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("webhook subscription %d: %w", id, ErrNotFound)
		}
		return s.audit(ctx, tx, a, "webhook.delete", fmt.Sprint(id), nil)
	})
}

func scanWebhookSub(row interface{ Scan(...any) error }) (WebhookSubscription, error) {
	var w WebhookSubscription
	var events string
	var at int64
	if err := row.Scan(&w.ID, &w.URL, &w.Secret, &events, &w.Description, &at); err != nil {
		return w, fmt.Errorf("webhook subscription: %w", err)
	}
	w.Events, w.CreatedAt = strings.Split(events, ","), fromMicro(at)
	return w, nil
}
