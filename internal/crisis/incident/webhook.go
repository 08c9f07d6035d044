package incident

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/webhook"
)

// Headers of a signed webhook call (see package webhook).
const (
	HeaderTimestamp = webhook.HeaderTimestamp
	HeaderSignature = webhook.HeaderSignature
)

// Sign returns the signature header value of body sent at ts (webhook.Sign).
func Sign(secret string, ts int64, body []byte) string { return webhook.Sign(secret, ts, body) }

// Verify checks a webhook call's signature and timestamp (webhook.Verify).
func Verify(secret, tsHeader, sigHeader string, body []byte, now time.Time, tolerance time.Duration) error {
	return webhook.Verify(secret, tsHeader, sigHeader, body, now, tolerance)
}

// postWebhook POSTs a signed JSON body, stamped with the real time so that
// receivers can refuse replays; any status but 2xx is an error.
func postWebhook(ctx context.Context, client *http.Client, w Webhook, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook %s: %w", w.URL, err)
	}
	ts := time.Now().Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(w.Secret, ts, body))
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", w.URL, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook %s: status %s", w.URL, resp.Status)
	}
	return nil
}
