package xapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

const maxAnswer = 8 << 20

// call sends a REST request with a bearer token: GET with q when in is
// nil, else POST of in as JSON; it decodes the answer into out.
func (c *Connector) call(ctx context.Context, token, path string, q url.Values, in, out any) (*http.Response, error) {
	u := c.base.JoinPath(path)
	u.RawQuery = q.Encode()
	method, body := http.MethodGet, io.Reader(nil)
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		method, body = http.MethodPost, bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("x %s: %w", path, err)
	}
	defer resp.Body.Close()
	if err := check(resp); err != nil {
		return resp, err
	}
	raw, err := channel.ReadLimited(resp.Body, maxAnswer)
	if err == nil && out != nil {
		err = json.Unmarshal(raw, out)
	}
	if err != nil {
		return resp, fmt.Errorf("x %s: %w", path, err)
	}
	return resp, nil
}

// check is channel.CheckResponse, with X's x-rate-limit-reset (the epoch
// second the window reopens) as the wait of a 429.
func check(resp *http.Response) error {
	err := channel.CheckResponse(resp)
	var ra *channel.RetryAfterError
	if errors.As(err, &ra) && resp.Header.Get("Retry-After") == "" {
		if reset, perr := strconv.ParseInt(resp.Header.Get("x-rate-limit-reset"), 10, 64); perr == nil {
			ra.Wait = min(max(time.Until(time.Unix(reset, 0)), time.Second), channel.MaxRetryAfter)
		}
	}
	return err
}
