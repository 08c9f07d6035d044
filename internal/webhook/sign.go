// Package webhook delivers Switchboard's events to the company's systems (an
// ERP, a CRM): subscriptions, signed JSON calls, retries with exponential
// backoff, in order per conversation, and a delivery log.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// Headers of a signed webhook call.
const (
	HeaderTimestamp = "X-Switchboard-Timestamp" // Unix seconds
	HeaderSignature = "X-Switchboard-Signature" // "sha256=" + hex HMAC-SHA256 of "timestamp.body"
)

// Sign returns the signature header value of body sent at ts.
func Sign(secret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", ts)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a webhook call's signature and that its timestamp is within
// tolerance of now, for receivers written in Go.
func Verify(secret, tsHeader, sigHeader string, body []byte, now time.Time, tolerance time.Duration) error {
	ts, err := strconv.ParseInt(tsHeader, 10, 64)
	if err != nil {
		return fmt.Errorf("webhook timestamp %q: %w", tsHeader, err)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("webhook timestamp %d is %v away from now", ts, d)
	}
	if !hmac.Equal([]byte(Sign(secret, ts, body)), []byte(sigHeader)) {
		return fmt.Errorf("webhook signature does not match")
	}
	return nil
}
