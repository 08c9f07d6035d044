package mastodon

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// maxReplyChars is Mastodon's default post length.
const maxReplyChars = 500

// Send posts a reply with in_reply_to_id. The Idempotency-Key is derived
// from the reply's id, so a retry after a crash posts it once.
func (c *Connector) Send(ctx context.Context, out pipeline.Outgoing) (string, error) {
	parentID, err := c.localID(ctx, out)
	if err != nil {
		return "", err
	}
	body := out.Body
	if h := out.InReplyTo.Author.Handle; h != "" && !strings.Contains(body, "@"+username(h)) {
		body = mentionOf(h) + " " + body
	}
	if n := len([]rune(body)); n > maxReplyChars {
		return "", fmt.Errorf("%w: reply is %d characters, Mastodon takes %d", pipeline.ErrPermanent, n, maxReplyChars)
	}
	form, _ := json.Marshal(map[string]string{"status": body, "in_reply_to_id": parentID, "visibility": c.cfg.ReplyVisibility})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base.JoinPath("/api/v1/statuses").String(), bytes.NewReader(form))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "switchboard-reply-"+strconv.FormatInt(out.ReplyID, 10))
	return c.post(req)
}

func (c *Connector) post(req *http.Request) (string, error) {
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("mastodon post: %w", err)
	}
	defer resp.Body.Close()
	if err := channel.CheckResponse(resp); err != nil {
		return "", channel.SendError(resp, err)
	}
	raw, err := channel.ReadLimited(resp.Body, maxAnswer)
	if err != nil {
		return "", fmt.Errorf("mastodon post: %w", err)
	}
	var st Status
	if err := json.Unmarshal(raw, &st); err != nil || st.ID == "" {
		return "", fmt.Errorf("mastodon post: answer without a status id: %.200s", raw)
	}
	return c.base.Host + "/" + st.ID, nil
}

// localID gives the id of the answered status on this account's instance:
// messages seen on another instance are looked up by URL (resolve=true).
func (c *Connector) localID(ctx context.Context, out pipeline.Outgoing) (string, error) {
	m := out.InReplyTo
	host, id, ok := strings.Cut(m.ExternalID, "/")
	if !ok || id == "" {
		return "", fmt.Errorf("%w: %q is not a Mastodon message id (host/id)", pipeline.ErrPermanent, m.ExternalID)
	}
	if host == c.base.Host {
		return id, nil
	}
	if m.URL == "" {
		return "", fmt.Errorf("%w: message from %s without a URL to look it up on %s", pipeline.ErrPermanent, host, c.base.Host)
	}
	var res struct {
		Statuses []Status `json:"statuses"`
	}
	q := url.Values{"q": {m.URL}, "resolve": {"true"}, "type": {"statuses"}, "limit": {"1"}}
	if _, err := c.get(ctx, "/api/v2/search", q, &res); err != nil {
		return "", err
	}
	if len(res.Statuses) == 0 {
		return "", fmt.Errorf("%w: %s not found from %s", pipeline.ErrPermanent, m.URL, c.base.Host)
	}
	return res.Statuses[0].ID, nil
}

// mentionOf gives the mention of a handle "@user@host".
func mentionOf(handle string) string {
	if strings.HasPrefix(handle, "@") {
		return handle
	}
	return "@" + handle
}

// username gives "user" of "@user@host".
func username(handle string) string {
	u, _, _ := strings.Cut(strings.TrimPrefix(handle, "@"), "@")
	return u
}
