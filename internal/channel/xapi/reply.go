package xapi

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// maxReplyChars is X's post length for most accounts.
const maxReplyChars = 280

// Send posts a reply with POST /2/tweets. X has no idempotency key: it
// first searches the account's replies to that post for the same text, so
// a retry after a crash finds the reply instead of posting it twice.
func (c *Connector) Send(ctx context.Context, out pipeline.Outgoing) (string, error) {
	if c.userToken == "" {
		return "", fmt.Errorf("%w: x account %s has no user_access_token: it can listen, not reply", pipeline.ErrPermanent, c.acc.Handle)
	}
	if n := utf8.RuneCountInString(out.Body); n == 0 || n > maxReplyChars {
		return "", fmt.Errorf("%w: reply is %d characters, X takes 1 to %d", pipeline.ErrPermanent, n, maxReplyChars)
	}
	parent := out.InReplyTo.ExternalID
	if id, err := c.findReply(ctx, parent, out.Body); id != "" || err != nil {
		return id, sendError(err)
	}
	in := map[string]any{"text": out.Body, "reply": map[string]string{"in_reply_to_tweet_id": parent}}
	var res struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if _, err := c.call(ctx, c.userToken, "/2/tweets", nil, in, &res); err != nil {
		return "", sendError(err)
	}
	if res.Data.ID == "" {
		return "", errors.New("x post: answer without an id")
	}
	return res.Data.ID, nil
}

// findReply looks for this account's reply with this text to a post.
func (c *Connector) findReply(ctx context.Context, parent, body string) (string, error) {
	handle := strings.TrimPrefix(c.acc.Handle, "@")
	q := url.Values{"query": {"from:" + handle + " in_reply_to_tweet_id:" + parent}, "max_results": {"10"}}
	var res struct {
		Data []Tweet `json:"data"`
	}
	if _, err := c.call(ctx, c.bearer, "/2/tweets/search/recent", q, nil, &res); err != nil {
		return "", err
	}
	for _, t := range res.Data {
		if t.Text == body {
			return t.ID, nil
		}
	}
	return "", nil
}

// sendError makes refused credentials and refused posts (4xx other than
// 429) permanent.
func sendError(err error) error {
	var ra *channel.RetryAfterError
	if err == nil || errors.As(err, &ra) {
		return err
	}
	if errors.Is(err, channel.ErrCredentials) || strings.Contains(err.Error(), ": 400 ") || strings.Contains(err.Error(), ": 404 ") {
		return fmt.Errorf("%w: %v", pipeline.ErrPermanent, err)
	}
	return err
}
