package meta

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

const maxAnswer = 4 << 20

// graphError is the Graph API's error body.
type graphError struct {
	Error struct {
		Message string `json:"message"`
		Type    string `json:"type"`
		Code    int    `json:"code"`
	} `json:"error"`
}

// rateLimitCodes are the Graph API's throttling error codes.
var rateLimitCodes = []int{4, 17, 32, 613, 80001, 80002, 80004}

// call sends a Graph API request with the page token and decodes its answer.
func (c *Connector) call(ctx context.Context, method, path string, q url.Values, out any) error {
	if q == nil {
		q = url.Values{}
	}
	u := c.graph.JoinPath(path)
	var body *strings.Reader
	if method == http.MethodPost {
		body = strings.NewReader(q.Encode())
	} else {
		u.RawQuery = q.Encode()
		body = strings.NewReader("")
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.pageToken)
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%w: graph api: %v", errTransient, err)
	}
	defer resp.Body.Close()
	raw, err := channel.ReadLimited(resp.Body, maxAnswer)
	if err != nil {
		return fmt.Errorf("graph api %s: %w", path, err)
	}
	if resp.StatusCode/100 != 2 {
		return graphFailure(resp, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("graph api %s: %w", path, err)
	}
	return nil
}

// graphFailure classifies a Graph API error: throttling waits, an expired
// or refused token is a credentials error, the rest is an HTTP error.
func graphFailure(resp *http.Response, raw []byte) error {
	var ge graphError
	json.Unmarshal(raw, &ge)
	err := fmt.Errorf("graph api %s: %s: %s (code %d)", resp.Request.URL.Path, resp.Status, ge.Error.Message, ge.Error.Code)
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || slices.Contains(rateLimitCodes, ge.Error.Code):
		return &channel.RetryAfterError{Wait: channel.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now(), time.Minute), Err: err}
	case ge.Error.Code == 190 || ge.Error.Code == 102 || resp.StatusCode == http.StatusUnauthorized:
		return fmt.Errorf("%w: %v", channel.ErrCredentials, err)
	case resp.StatusCode >= 500:
		return fmt.Errorf("%w: %v", errTransient, err)
	}
	return &clientError{err}
}

// errTransient marks a Graph API failure worth retrying (network, 5xx).
var errTransient = errors.New("graph api unavailable")

// clientError is a request the Graph API refused (4xx): retrying will not help.
type clientError struct{ error }

func (e *clientError) Unwrap() error { return e.error }
