package channel

import (
	"errors"
	"math/rand/v2"
	"time"
)

// Backoff is an exponential backoff with jitter: the n-th wait is drawn
// uniformly in [d/2, d] with d = Base·2ⁿ capped at Max.
type Backoff struct {
	Base, Max time.Duration
	// Stable is how long a connection must stay up for the next failure to
	// start again from Base.
	Stable time.Duration
}

// DefaultBackoff is used by the supervisor unless told otherwise.
var DefaultBackoff = Backoff{Base: time.Second, Max: 5 * time.Minute, Stable: 30 * time.Second}

// Wait gives the wait after the attempt-th failure in a row (from 0).
func (b Backoff) Wait(attempt int) time.Duration {
	d := b.Max
	if attempt < 30 && b.Base<<attempt < b.Max && b.Base<<attempt > 0 {
		d = b.Base << attempt
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// waitAfter gives how long to wait after err: at least what a Retry-After
// asked, the longest backoff for refused credentials.
func (b Backoff) waitAfter(err error, attempt int) time.Duration {
	var ra *RetryAfterError
	if errors.As(err, &ra) {
		return max(ra.Wait, b.Base)
	}
	if errors.Is(err, ErrCredentials) {
		return b.Max
	}
	return b.Wait(attempt)
}
