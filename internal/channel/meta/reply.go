package meta

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// maxReply bounds a reply's text (Instagram's comment limit).
const maxReply = 2200

type posted struct {
	ID string `json:"id"`
}

type existing struct {
	Data []struct {
		ID      string `json:"id"`
		Message string `json:"message"`
		Text    string `json:"text"`
		From    Actor  `json:"from"`
	} `json:"data"`
}

// Send posts a reply as a comment (Facebook), a comment reply or a mention
// reply (Instagram). The Graph API has no idempotency key, so it first
// looks for the same reply by the account under the comment: a retry after
// a crash finds it instead of posting twice.
func (c *Connector) Send(ctx context.Context, out pipeline.Outgoing) (string, error) {
	if len([]rune(out.Body)) > maxReply || strings.TrimSpace(out.Body) == "" {
		return "", fmt.Errorf("%w: reply must be 1 to %d characters", pipeline.ErrPermanent, maxReply)
	}
	id := out.InReplyTo.ExternalID
	switch out.InReplyTo.Channel {
	case Facebook:
		return c.reply(ctx, "/"+id+"/comments", "/"+id+"/comments", c.cfg.PageID, out.Body, nil)
	case Instagram:
		if rest, ok := strings.CutPrefix(id, mentionPrefix); ok {
			media, comment, _ := strings.Cut(rest, "-")
			q := url.Values{"media_id": {media}}
			if comment != "" {
				q.Set("comment_id", comment)
			}
			return c.reply(ctx, "", "/"+c.cfg.InstagramID+"/mentions", c.cfg.InstagramID, out.Body, q)
		}
		return c.reply(ctx, "/"+id+"/replies", "/"+id+"/replies", c.cfg.InstagramID, out.Body, nil)
	}
	return "", fmt.Errorf("%w: meta cannot answer on channel %s", pipeline.ErrPermanent, out.InReplyTo.Channel)
}

// reply looks under listPath for the reply already posted by self, then posts.
func (c *Connector) reply(ctx context.Context, listPath, postPath, self, body string, q url.Values) (string, error) {
	if self == "" {
		return "", fmt.Errorf("%w: this meta account has no id for that network", pipeline.ErrPermanent)
	}
	if listPath != "" {
		var ex existing
		err := c.call(ctx, "GET", listPath, url.Values{"fields": {"id,message,text,from"}, "limit": {"100"}}, &ex)
		if err != nil {
			return "", sendError(err)
		}
		for _, d := range ex.Data {
			if d.From.ID == self && (d.Message == body || d.Text == body) {
				return d.ID, nil
			}
		}
	}
	if q == nil {
		q = url.Values{}
	}
	q.Set("message", body)
	var p posted
	if err := c.call(ctx, "POST", postPath, q, &p); err != nil {
		return "", sendError(err)
	}
	if p.ID == "" {
		return "", errors.New("graph api: answer without an id")
	}
	return p.ID, nil
}

func sendError(err error) error {
	var ce *clientError
	if errors.As(err, &ce) || errors.Is(err, channel.ErrCredentials) {
		return fmt.Errorf("%w: %v", pipeline.ErrPermanent, err)
	}
	return err
}
