package mastodon

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// maxFrame bounds one streaming message.
const maxFrame = 1 << 20

// Run opens the stream, catches up through REST from the cursor, then reads
// the stream until it fails or ctx ends. The stream is opened first so that
// nothing posted during the catch-up is missed (dedupe absorbs the overlap).
func (c *Connector) Run(ctx context.Context, sink channel.Sink) error {
	cur := loadCursor(sink.Cursor())
	conn, err := c.dial(ctx)
	if err != nil {
		return err
	}
	defer conn.CloseNow()
	conn.SetReadLimit(maxFrame)
	if err := c.subscribe(ctx, conn); err != nil {
		return err
	}
	sink.Connected()
	if err := c.catchUp(ctx, sink, cur); err != nil {
		return err
	}
	go c.ping(ctx, conn)
	return c.read(ctx, conn, sink, cur)
}

func (c *Connector) streamingURL() string {
	u := *c.base
	if c.cfg.StreamingURL != "" {
		p, _ := url.Parse(strings.TrimRight(c.cfg.StreamingURL, "/"))
		u = *p
	}
	if s, ok := map[string]string{"https": "wss", "http": "ws"}[u.Scheme]; ok {
		u.Scheme = s
	}
	return u.JoinPath("/api/v1/streaming").String()
}

func (c *Connector) dial(ctx context.Context) (*websocket.Conn, error) {
	dctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	h := http.Header{"Authorization": {"Bearer " + c.token}}
	conn, resp, err := websocket.Dial(dctx, c.streamingURL(), &websocket.DialOptions{HTTPHeader: h, HTTPClient: c.http})
	if err == nil {
		return conn, nil
	}
	if resp != nil && resp.StatusCode != http.StatusSwitchingProtocols {
		if resp.Request == nil {
			resp.Request, _ = http.NewRequest(http.MethodGet, c.streamingURL(), nil)
		}
		if cerr := channel.CheckResponse(resp); cerr != nil {
			return nil, fmt.Errorf("mastodon streaming: %w", cerr)
		}
	}
	return nil, fmt.Errorf("mastodon streaming: %w", err)
}

// subscribe asks for every configured stream on the one connection.
func (c *Connector) subscribe(ctx context.Context, conn *websocket.Conn) error {
	user := false
	for _, s := range c.streams {
		user = user || s.name == "user"
	}
	for _, s := range c.streams {
		if s.name == "user:notification" && user {
			continue // the user stream carries notifications already
		}
		msg := map[string]string{"type": "subscribe", "stream": s.name}
		switch s.name {
		case "hashtag":
			msg["tag"] = s.param
		case "list":
			msg["list"] = s.param
		}
		if err := wsjson.Write(ctx, conn, msg); err != nil {
			return fmt.Errorf("mastodon subscribe %s: %w", s.name, err)
		}
	}
	return nil
}

// ping checks the connection while it is quiet; a dead one is closed, which
// ends the read loop.
func (c *Connector) ping(ctx context.Context, conn *websocket.Conn) {
	t := time.NewTicker(c.Idle)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		err := conn.Ping(pctx)
		cancel()
		if err != nil {
			conn.Close(websocket.StatusGoingAway, "no pong")
			return
		}
	}
}

func (c *Connector) read(ctx context.Context, conn *websocket.Conn, sink channel.Sink, cur cursor) error {
	for {
		_, raw, err := conn.Read(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("mastodon stream: %w", err)
		}
		if err := c.handle(ctx, sink, cur, raw); err != nil {
			return err
		}
	}
}

// handle publishes one streaming message; a malformed one is dead-lettered.
func (c *Connector) handle(ctx context.Context, sink channel.Sink, cur cursor, raw []byte) error {
	it, streamName, event, err := parseStreamEvent(raw)
	if errors.Is(err, errSkip) && it.cursorID == "" {
		return nil
	}
	if err != nil {
		it.status = nil
		if !errors.Is(err, errSkip) {
			if err := sink.DeadLetter(ctx, raw, "mastodon stream: "+err.Error()); err != nil {
				return err
			}
		}
	}
	it.raw = raw
	return c.publish(ctx, sink, cur, timelineOf(streamName, event), []item{it})
}

// timelineOf names the cursor a streaming event moves ("" for none).
func timelineOf(stream []string, event string) string {
	if len(stream) == 0 {
		return ""
	}
	switch {
	case event == "notification":
		return "notifications"
	case stream[0] == "user":
		return "home"
	case stream[0] == "public" || stream[0] == "public:local":
		return stream[0]
	case stream[0] == "hashtag" && len(stream) > 1:
		return "tag:" + strings.ToLower(stream[1])
	case stream[0] == "list" && len(stream) > 1:
		return "list:" + stream[1]
	}
	return ""
}
