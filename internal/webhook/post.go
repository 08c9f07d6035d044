package webhook

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// HeaderDelivery carries the delivery's id; HeaderEvent the event type.
const (
	HeaderDelivery = "X-Switchboard-Delivery"
	HeaderEvent    = "X-Switchboard-Event"
)

// bodyExcerpt is how much of a response the delivery log keeps.
const bodyExcerpt = 1024

// post makes one signed call of d and returns what the log keeps of it;
// the attempt succeeded when its Error is empty.
func post(ctx context.Context, client *http.Client, d store.WebhookDelivery, now time.Time) store.WebhookAttempt {
	at := store.WebhookAttempt{DeliveryID: d.ID, SubscriptionID: d.SubscriptionID, CreatedAt: now}
	req, err := signedRequest(ctx, d, time.Now()) // the real time: receivers refuse replays
	if err != nil {
		at.Error = err.Error()
		return at
	}
	start := time.Now()
	resp, err := client.Do(req)
	at.Duration = time.Since(start)
	if err != nil {
		at.Error = err.Error()
		return at
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, bodyExcerpt))
	at.StatusCode, at.Body = resp.StatusCode, text(raw)
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		at.Error = "status " + resp.Status
	}
	return at
}

func signedRequest(ctx context.Context, d store.WebhookDelivery, sent time.Time) (*http.Request, error) {
	body := []byte(d.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("webhook request to %s: %w", d.URL, err)
	}
	ts := sent.Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Switchboard-Webhook/1")
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(d.Secret, ts, body))
	req.Header.Set(HeaderDelivery, strconv.FormatInt(d.ID, 10))
	req.Header.Set(HeaderEvent, d.EventType)
	return req, nil
}

// text keeps a response excerpt storable as text in both databases.
func text(b []byte) string {
	return strings.ReplaceAll(strings.ToValidUTF8(string(b), "\uFFFD"), "\x00", "")
}
