package bluesky

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/coder/websocket"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/message"
)

const maxFrame = 1 << 20

// Run reads Jetstream from the saved cursor minus the overlap until the
// connection fails or ctx ends.
func (c *Connector) Run(ctx context.Context, sink channel.Sink) error {
	did, err := c.accountDID(ctx)
	if err != nil {
		return err
	}
	conn, err := c.dial(ctx, sink.Cursor())
	if err != nil {
		return err
	}
	defer conn.CloseNow()
	conn.SetReadLimit(maxFrame)
	sink.Connected()
	r := &reader{c: c, sink: sink, did: did, saved: sink.Cursor(), lastSave: time.Now()}
	err = r.loop(ctx, conn)
	r.save(context.WithoutCancel(ctx), true)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

func (c *Connector) subscribeURL(cursor string) string {
	q := url.Values{"wantedCollections": {PostCollection}}
	if us, err := strconv.ParseInt(cursor, 10, 64); err == nil && us > 0 {
		q.Set("cursor", strconv.FormatInt(max(us-int64(c.cfg.OverlapSeconds)*1_000_000, 1), 10))
	}
	return strings.TrimRight(c.cfg.Jetstream, "/") + "/subscribe?" + q.Encode()
}

func (c *Connector) dial(ctx context.Context, cursor string) (*websocket.Conn, error) {
	dctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	u := c.subscribeURL(cursor)
	conn, resp, err := websocket.Dial(dctx, u, &websocket.DialOptions{HTTPClient: c.http})
	if err == nil {
		return conn, nil
	}
	if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
		if resp.Request == nil {
			resp.Request, _ = http.NewRequest(http.MethodGet, u, nil)
		}
		if cerr := channel.CheckResponse(resp); cerr != nil {
			return nil, fmt.Errorf("jetstream: %w", cerr)
		}
	}
	return nil, fmt.Errorf("jetstream: %w", err)
}

// reader follows one Jetstream connection.
type reader struct {
	c        *Connector
	sink     channel.Sink
	did      string
	last     int64 // time_us of the last event handled
	saved    string
	lastSave time.Time
}

func (r *reader) loop(ctx context.Context, conn *websocket.Conn) error {
	for {
		_, raw, err := conn.Read(ctx)
		if err != nil {
			return fmt.Errorf("jetstream: %w", err)
		}
		if err := r.handle(ctx, raw); err != nil {
			return err
		}
	}
}

func (r *reader) handle(ctx context.Context, raw []byte) error {
	ev, post, err := parseEvent(raw)
	if ev.TimeUS > 0 && ev.TimeUS <= r.c.handled.Load() {
		return nil // replayed by the overlap, handled already by this process
	}
	kept, err := r.use(ctx, raw, post, err)
	if err != nil {
		return err // not handled: the cursor stays before it
	}
	if ev.TimeUS > r.last {
		r.last = ev.TimeUS
		r.c.handled.Store(ev.TimeUS)
	}
	return r.save(ctx, kept)
}

// use publishes a matching post or dead-letters a broken one that concerns
// the account; everything else is skipped.
func (r *reader) use(ctx context.Context, raw []byte, post *created, err error) (bool, error) {
	switch {
	case errors.Is(err, errNotPost):
		return false, nil
	case err != nil:
		if !r.concerns(raw) { // someone else's broken post: not ours to keep
			return false, nil
		}
		return true, r.sink.DeadLetter(ctx, raw, "bluesky: "+err.Error())
	case !r.c.matches(post, r.did):
		return false, nil
	}
	return true, r.sink.Publish(ctx, []channel.Event{r.c.toEvent(ctx, post, raw)})
}

// concerns says whether a payload names the account or a keyword.
func (r *reader) concerns(raw []byte) bool {
	low := bytes.ToLower(raw)
	if (r.did != "" && bytes.Contains(low, []byte(strings.ToLower(r.did)))) || bytes.Contains(low, []byte(r.c.handle)) {
		return true
	}
	for _, k := range r.c.cfg.Keywords {
		if bytes.Contains(low, []byte(strings.ToLower(k))) {
			return true
		}
	}
	return false
}

// save persists the cursor after a publish, or every SaveEvery.
func (r *reader) save(ctx context.Context, now bool) error {
	cur := strconv.FormatInt(r.last, 10)
	if r.last == 0 || cur == r.saved || (!now && time.Since(r.lastSave) < r.c.SaveEvery) {
		return nil
	}
	if err := r.sink.SaveCursor(ctx, cur); err != nil {
		return err
	}
	r.saved, r.lastSave = cur, time.Now()
	return nil
}

// toEvent makes the Switchboard message of a post.
func (c *Connector) toEvent(ctx context.Context, p *created, raw []byte) channel.Event {
	prof := c.profileOf(ctx, p.did)
	handle := prof.Handle
	if !strings.HasPrefix(handle, "did:") {
		handle = "@" + handle
	}
	m := message.Inbound{
		Channel: Channel, ExternalID: p.uri, Text: channel.Text(p.post.Text), CreatedAt: channel.Time(p.at),
		Author: &message.InboundAuthor{Handle: channel.Clip(handle, message.MaxHandleBytes),
			Name: channel.Clip(prof.DisplayName, message.MaxNameBytes), Followers: max(prof.FollowersCount, 0)},
		URL: "https://bsky.app/profile/" + p.did + "/post/" + p.uri[strings.LastIndexByte(p.uri, '/')+1:],
	}
	if len(p.post.Langs) > 0 {
		m.Lang = channel.Lang(p.post.Langs[0])
	}
	if r := p.post.Reply; r != nil && strings.HasPrefix(r.Parent.URI, "at://") && len(r.Parent.URI) <= message.MaxIDBytes {
		m.InReplyTo = r.Parent.URI
	}
	return channel.Event{Raw: raw, Msg: m}
}
