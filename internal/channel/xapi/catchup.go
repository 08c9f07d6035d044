package xapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

const maxCatchPages = 10

type searchPage struct {
	Data     []json.RawMessage `json:"data"`
	Includes Includes          `json:"includes"`
	Meta     struct {
		NextToken string `json:"next_token"`
	} `json:"meta"`
}

// catchUp reads what each rule matched since the cursor through the recent
// search, oldest first. A rule the search refuses is recorded as a dead
// letter naming the possible gap, so it is seen rather than lost.
func (c *Connector) catchUp(ctx context.Context, sink channel.Sink, cur string) (string, error) {
	if cur == "" {
		return cur, nil
	}
	var events []channel.Event
	for _, r := range c.cfg.Rules {
		evs, bad, err := c.search(ctx, r, cur)
		for _, raw := range bad {
			if err := sink.DeadLetter(ctx, raw, "x search: malformed post"); err != nil {
				return cur, err
			}
		}
		var ce *clientError
		if errors.As(err, &ce) {
			reason := fmt.Sprintf("x catch-up refused for rule %q (posts after %s may be missing): %v", r, cur, err)
			if err := sink.DeadLetter(ctx, []byte(r), reason); err != nil {
				return cur, err
			}
			continue
		}
		if err != nil {
			return cur, err
		}
		events = append(events, evs...)
	}
	sort.SliceStable(events, func(i, j int) bool { return newer(events[j].Msg.ExternalID, events[i].Msg.ExternalID) })
	if err := sink.Publish(ctx, events); err != nil {
		return cur, err
	}
	for _, ev := range events {
		if newer(ev.Msg.ExternalID, cur) {
			cur = ev.Msg.ExternalID
		}
	}
	return cur, sink.SaveCursor(ctx, cur)
}

// search pages through the recent search of one rule since an id; it
// returns the posts and the items that are not posts.
func (c *Connector) search(ctx context.Context, rule, since string) ([]channel.Event, []json.RawMessage, error) {
	q := c.searchQuery()
	q.Set("query", rule)
	q.Set("since_id", since)
	var out []channel.Event
	var bad []json.RawMessage
	for range maxCatchPages {
		var page searchPage
		resp, err := c.call(ctx, c.bearer, "/2/tweets/search/recent", q, nil, &page)
		if err != nil {
			if resp != nil && resp.StatusCode == 400 {
				return nil, bad, &clientError{err}
			}
			return nil, bad, err
		}
		for _, raw := range page.Data {
			var t Tweet
			if json.Unmarshal(raw, &t) != nil || checkTweet(&t) != nil {
				bad = append(bad, raw)
				continue
			}
			out = append(out, toEvent(&t, page.Includes, raw))
		}
		if page.Meta.NextToken == "" {
			return out, bad, nil
		}
		q.Set("next_token", page.Meta.NextToken)
	}
	return out, bad, nil
}

// clientError is a request X refused as invalid (400).
type clientError struct{ error }

func (e *clientError) Unwrap() error { return e.error }
