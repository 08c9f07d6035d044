package bluesky

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// maxReplyChars is Bluesky's post length (graphemes; counted here as runes).
const maxReplyChars = 300

type postView struct {
	URI    string `json:"uri"`
	CID    string `json:"cid"`
	Record Post   `json:"record"`
}

type recordRef struct {
	URI   string `json:"uri"`
	CID   string `json:"cid"`
	Value *Post  `json:"value"`
}

// Send posts a reply with root and parent refs. Its record key is derived
// from the reply's id, so a retry finds the post made before a crash
// instead of posting twice.
func (c *Connector) Send(ctx context.Context, out pipeline.Outgoing) (string, error) {
	if c.password == "" {
		return "", fmt.Errorf("%w: bluesky account %s has no app_password: it can listen, not reply", pipeline.ErrPermanent, c.handle)
	}
	if n := utf8.RuneCountInString(out.Body); n > maxReplyChars || n == 0 {
		return "", fmt.Errorf("%w: reply is %d characters, Bluesky takes 1 to %d", pipeline.ErrPermanent, n, maxReplyChars)
	}
	token, did, err := c.login(ctx, false)
	if err != nil {
		return "", sendError(err)
	}
	root, parent, err := c.refs(ctx, out.InReplyTo.ExternalID)
	if err != nil {
		return "", err
	}
	rkey := tidFor(out.ReplyID, did)
	if uri, done, err := c.alreadyPosted(ctx, did, rkey, out.Body, parent); done || err != nil {
		return uri, err
	}
	return c.create(ctx, token, did, rkey, out.Body, root, parent)
}

// refs gives the reply's root and parent refs from the AppView.
func (c *Connector) refs(ctx context.Context, uri string) (StrongRef, StrongRef, error) {
	if !strings.HasPrefix(uri, "at://") {
		return StrongRef{}, StrongRef{}, fmt.Errorf("%w: %q is not a Bluesky post", pipeline.ErrPermanent, uri)
	}
	var res struct {
		Posts []postView `json:"posts"`
	}
	if _, err := c.xrpc(ctx, c.cfg.AppView, "app.bsky.feed.getPosts", url.Values{"uris": {uri}}, nil, &res, ""); err != nil {
		return StrongRef{}, StrongRef{}, err
	}
	if len(res.Posts) == 0 || res.Posts[0].CID == "" {
		return StrongRef{}, StrongRef{}, fmt.Errorf("%w: post %s not found (deleted?)", pipeline.ErrPermanent, uri)
	}
	p := res.Posts[0]
	parent := StrongRef{URI: p.URI, CID: p.CID}
	if r := p.Record.Reply; r != nil && r.Root.URI != "" && r.Root.CID != "" {
		return r.Root, parent, nil
	}
	return parent, parent, nil
}

// alreadyPosted looks for the record a previous attempt made.
func (c *Connector) alreadyPosted(ctx context.Context, did, rkey, body string, parent StrongRef) (string, bool, error) {
	var rec recordRef
	q := url.Values{"repo": {did}, "collection": {PostCollection}, "rkey": {rkey}}
	resp, err := c.xrpc(ctx, c.cfg.Service, "com.atproto.repo.getRecord", q, nil, &rec, "")
	if resp != nil && (resp.StatusCode == 400 || resp.StatusCode == 404) {
		return "", false, nil // RecordNotFound
	}
	if err != nil {
		return "", false, err
	}
	if rec.Value != nil && rec.Value.Text == body && rec.Value.Reply != nil && rec.Value.Reply.Parent.URI == parent.URI {
		return rec.URI, true, nil
	}
	return "", false, fmt.Errorf("%w: record key %s already holds another post", pipeline.ErrPermanent, rkey)
}

func (c *Connector) create(ctx context.Context, token, did, rkey, body string, root, parent StrongRef) (string, error) {
	in := map[string]any{"repo": did, "collection": PostCollection, "rkey": rkey, "record": map[string]any{
		"$type": PostCollection, "text": body, "createdAt": time.Now().UTC().Format(time.RFC3339Nano),
		"reply": map[string]StrongRef{"root": root, "parent": parent},
	}}
	var res StrongRef
	_, err := c.xrpc(ctx, c.cfg.Service, "com.atproto.repo.createRecord", nil, in, &res, token)
	if isExpired(err) {
		if token, _, err = c.login(ctx, true); err != nil {
			return "", sendError(err)
		}
		_, err = c.xrpc(ctx, c.cfg.Service, "com.atproto.repo.createRecord", nil, in, &res, token)
	}
	if err != nil {
		return "", sendError(err)
	}
	if res.URI == "" {
		return "", errors.New("bluesky createRecord: answer without a uri")
	}
	return res.URI, nil
}

func isExpired(err error) bool {
	return err != nil && (errors.Is(err, channel.ErrCredentials) || strings.Contains(err.Error(), "ExpiredToken"))
}

// sendError makes refused credentials and refused posts permanent.
func sendError(err error) error {
	var ra *channel.RetryAfterError
	if errors.As(err, &ra) {
		return err
	}
	if errors.Is(err, channel.ErrCredentials) || strings.Contains(err.Error(), ": 400 ") {
		return fmt.Errorf("%w: %v", pipeline.ErrPermanent, err)
	}
	return err
}
