package mastodon

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// maxAnswer bounds one REST answer.
const maxAnswer = 8 << 20

// get calls a REST endpoint and decodes its JSON answer; it returns the
// raw body too, for dead letters.
func (c *Connector) get(ctx context.Context, path string, q url.Values, v any) ([]byte, error) {
	u := c.base.JoinPath(path)
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	return c.do(req, v)
}

func (c *Connector) do(req *http.Request, v any) ([]byte, error) {
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("mastodon: %w", err)
	}
	defer resp.Body.Close()
	defer io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if err := channel.CheckResponse(resp); err != nil {
		return nil, err
	}
	raw, err := channel.ReadLimited(resp.Body, maxAnswer)
	if err != nil {
		return nil, fmt.Errorf("mastodon %s: %w", req.URL.Path, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return raw, fmt.Errorf("mastodon %s: %w", req.URL.Path, err)
	}
	return raw, nil
}
