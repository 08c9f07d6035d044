package webhook

import "time"

// Backoff says when to retry a failed delivery: First after the first
// failure, doubling up to Max, and giving up once GiveUp has passed since
// the event (the delivery is then failed, to redeliver by hand).
type Backoff struct {
	First, Max, GiveUp time.Duration
}

// DefaultBackoff retries after 10 s, 20 s, 40 s… up to every hour, for 25 hours.
func DefaultBackoff() Backoff {
	return Backoff{First: 10 * time.Second, Max: time.Hour, GiveUp: 25 * time.Hour}
}

// Delay is the wait after the attempts-th failed attempt (1 for the first).
func (b Backoff) Delay(attempts int) time.Duration {
	d := b.First
	for i := 1; i < attempts && d < b.Max; i++ {
		d *= 2
	}
	return min(d, b.Max)
}
