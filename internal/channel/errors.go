package channel

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// ErrCredentials marks a network refusing the account's credentials (401,
// 403, an expired token): the account is shown as failed until fixed.
var ErrCredentials = errors.New("credentials refused")

// RetryAfterError is a network asking to wait (429, or 503 with Retry-After).
type RetryAfterError struct {
	Wait time.Duration
	Err  error
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("rate limited, retry after %s: %v", e.Wait, e.Err)
}

func (e *RetryAfterError) Unwrap() error { return e.Err }

// MaxRetryAfter bounds how long a network may ask us to wait.
const MaxRetryAfter = time.Hour

// ParseRetryAfter reads a Retry-After header (seconds or an HTTP date);
// missing or unreadable gives def.
func ParseRetryAfter(h string, now time.Time, def time.Duration) time.Duration {
	h = strings.TrimSpace(h)
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return min(time.Duration(n)*time.Second, MaxRetryAfter)
	}
	if t, err := http.ParseTime(h); err == nil {
		return min(max(t.Sub(now), 0), MaxRetryAfter)
	}
	return def
}

// CheckResponse turns an HTTP answer that is not 2xx into an error: a
// *RetryAfterError for 429 (and 503 with Retry-After), ErrCredentials for
// 401 and 403, otherwise the status and the start of the body. It does not
// close the body.
func CheckResponse(resp *http.Response) error {
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	err := fmt.Errorf("%s %s: %s: %s", resp.Request.Method, resp.Request.URL.Redacted(), resp.Status, bytes.TrimSpace(snippet))
	ra := resp.Header.Get("Retry-After")
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return &RetryAfterError{Wait: ParseRetryAfter(ra, time.Now(), time.Minute), Err: err}
	case resp.StatusCode == http.StatusServiceUnavailable && ra != "":
		return &RetryAfterError{Wait: ParseRetryAfter(ra, time.Now(), time.Minute), Err: err}
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return fmt.Errorf("%w: %v", ErrCredentials, err)
	}
	return err
}

// SendError classifies an error of posting a reply: refused credentials
// and 4xx answers other than 429 and 408 cannot be fixed by retrying.
func SendError(resp *http.Response, err error) error {
	if err == nil || resp == nil {
		return err
	}
	c := resp.StatusCode
	var ra *RetryAfterError
	if errors.As(err, &ra) || c == http.StatusRequestTimeout || c >= 500 {
		return err
	}
	if c >= 400 {
		return fmt.Errorf("%w: %v", pipeline.ErrPermanent, err)
	}
	return err
}

// ReadLimited reads at most n bytes of r; more is an error.
func ReadLimited(r io.Reader, n int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, n+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > n {
		return nil, fmt.Errorf("answer larger than %d bytes", n)
	}
	return b, nil
}

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }
