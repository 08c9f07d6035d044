package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// maxFeed bounds one feed document.
const maxFeed = 10 << 20

// validators are what a feed answered last, for the next conditional GET.
type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Refused is the hash of the last document that could not be parsed:
	// the same document is not dead-lettered again.
	Refused string `json:"refused,omitempty"`
}

// Run polls every feed, then waits for the interval, until ctx ends. A
// feed that fails is retried at the next round; the round's errors are
// returned (so the status shows them) after the other feeds were polled.
func (c *Connector) Run(ctx context.Context, sink channel.Sink) error {
	state := map[string]validators{}
	json.Unmarshal([]byte(sink.Cursor()), &state) // unreadable: poll unconditionally
	sink.Connected()
	for {
		var errs []error
		for _, u := range c.urls {
			if err := c.poll(ctx, sink, state, u); err != nil {
				errs = append(errs, err)
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(c.interval):
		}
	}
}

// poll fetches one feed if it changed and publishes its items.
func (c *Connector) poll(ctx context.Context, sink channel.Sink, state map[string]validators, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	v := state[u]
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	req.Header.Set("User-Agent", "Switchboard (+https://github.com/switchboard-crm/switchboard)")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("feed %s: %w", u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		return nil
	}
	if err := channel.CheckResponse(resp); err != nil {
		return err
	}
	body, err := channel.ReadLimited(resp.Body, maxFeed)
	if err != nil {
		return fmt.Errorf("feed %s: %w", u, err)
	}
	next := validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if next.Refused, err = c.publish(ctx, sink, u, body, v.Refused); err != nil {
		return err
	}
	state[u] = next
	raw, _ := json.Marshal(state)
	return sink.SaveCursor(ctx, string(raw))
}

// publish parses a feed document; one that cannot be parsed is a dead
// letter (once: its hash is returned to be remembered).
func (c *Connector) publish(ctx context.Context, sink channel.Sink, u string, body []byte, refused string) (string, error) {
	f, err := c.parser.Parse(io.NopCloser(bytesReader(body)))
	if err != nil {
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])
		if hash == refused {
			return hash, nil
		}
		return hash, sink.DeadLetter(ctx, body, fmt.Sprintf("feed %s: %v", u, err))
	}
	return "", sink.Publish(ctx, events(u, f))
}
