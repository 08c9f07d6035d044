package xapi

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// maxLine bounds one stream line.
const maxLine = 1 << 20

// Run syncs the rules, opens the filtered stream, catches up through the
// recent search from the cursor, then reads the stream until it fails,
// stalls or ctx ends.
func (c *Connector) Run(ctx context.Context, sink channel.Sink) error {
	if err := c.syncRules(ctx); err != nil {
		return err
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	body, err := c.open(sctx)
	if err != nil {
		return err
	}
	defer body.Close()
	sink.Connected()
	cur := sink.Cursor()
	if cur, err = c.catchUp(ctx, sink, cur); err != nil {
		return err
	}
	err = c.read(sctx, body, sink, cur, cancel)
	if ctx.Err() != nil {
		return nil
	}
	return err
}

func (c *Connector) open(ctx context.Context) (io.ReadCloser, error) {
	u := c.base.JoinPath("/2/tweets/search/stream")
	q := url.Values{}
	setFields(q)
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.bearer)
	resp, err := c.stream.Do(req)
	if err != nil {
		return nil, fmt.Errorf("x stream: %w", err)
	}
	if err := check(resp); err != nil {
		resp.Body.Close()
		return nil, fmt.Errorf("x stream: %w", err)
	}
	return resp.Body, nil
}

// read handles stream lines; keep-alives reset the stall timer.
func (c *Connector) read(ctx context.Context, body io.Reader, sink channel.Sink, cur string, cancel func()) error {
	stall := time.AfterFunc(c.stall, cancel)
	defer stall.Stop()
	sc := bufio.NewScanner(body)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for sc.Scan() {
		stall.Reset(c.stall)
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue // keep-alive
		}
		var err error
		if cur, err = c.handle(ctx, sink, cur, bytes.Clone(line)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("x stream: %w", err)
	}
	return errors.New("x stream ended (stalled or closed by the server)")
}

// handle publishes one line's post and moves the cursor.
func (c *Connector) handle(ctx context.Context, sink channel.Sink, cur string, raw []byte) (string, error) {
	t, inc, err := parseLine(raw)
	if errors.Is(err, errOperational) {
		return cur, err // X tells us to reconnect
	}
	if err != nil {
		return cur, sink.DeadLetter(ctx, raw, err.Error())
	}
	if err := sink.Publish(ctx, []channel.Event{toEvent(t, inc, raw)}); err != nil {
		return cur, err
	}
	if !newer(t.ID, cur) {
		return cur, nil
	}
	return t.ID, sink.SaveCursor(ctx, t.ID)
}

// newer compares post ids: decimal snowflakes, longer is newer.
func newer(a, b string) bool {
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a > b
}
