package mastodon

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"net/url"
	"slices"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

const (
	pageSize     = 40
	maxCatchPage = 50 // 2,000 posts per timeline and reconnect
)

// path gives a timeline's REST endpoint and its fixed parameters.
func (s stream) path() (string, url.Values) {
	q := url.Values{}
	switch s.name {
	case "user":
		return "/api/v1/timelines/home", q
	case "user:notification":
		q.Add("types[]", "mention")
		return "/api/v1/notifications", q
	case "public:local":
		q.Set("local", "true")
		return "/api/v1/timelines/public", q
	case "hashtag":
		return "/api/v1/timelines/tag/" + url.PathEscape(s.param), q
	case "list":
		return "/api/v1/timelines/list/" + s.param, q
	}
	return "/api/v1/timelines/public", q
}

// catchUp reads what each timeline got since its cursor, oldest first. The
// first time (no cursor) it reads the latest page only.
func (c *Connector) catchUp(ctx context.Context, sink channel.Sink, cur cursor) error {
	for _, s := range c.streams {
		raws, err := c.since(ctx, s, cur[s.timeline])
		if err != nil {
			return err
		}
		slices.Reverse(raws)
		if err := c.publishRaw(ctx, sink, cur, s, raws); err != nil {
			return err
		}
	}
	return nil
}

// since pages back from the newest item to the cursor with since_id and max_id.
func (c *Connector) since(ctx context.Context, s stream, sinceID string) ([]json.RawMessage, error) {
	path, q := s.path()
	q.Set("limit", "40")
	if sinceID != "" {
		q.Set("since_id", sinceID)
	}
	var all []json.RawMessage
	for page := 0; page < maxCatchPage; page++ {
		var raws []json.RawMessage
		if _, err := c.get(ctx, path, q, &raws); err != nil {
			return nil, err
		}
		all = append(all, raws...)
		if sinceID == "" || len(raws) < pageSize {
			return all, nil
		}
		last := idOf(raws[len(raws)-1])
		if last == "" {
			return all, nil
		}
		q.Set("max_id", last)
	}
	c.log("catch-up stopped after %d pages; older posts of the gap were not read", maxCatchPage)
	return all, nil
}

func idOf(raw json.RawMessage) string {
	var v struct {
		ID string `json:"id"`
	}
	json.Unmarshal(raw, &v)
	return v.ID
}

// publishRaw publishes timeline items, oldest first, and moves the cursor.
func (c *Connector) publishRaw(ctx context.Context, sink channel.Sink, cur cursor, s stream, raws []json.RawMessage) error {
	var items []item
	for _, raw := range raws {
		it, err := parseItem(raw, s.name == "user:notification")
		if err != nil {
			it.status = nil
		}
		if err != nil && !errors.Is(err, errSkip) {
			if err := sink.DeadLetter(ctx, raw, "mastodon "+s.timeline+": "+err.Error()); err != nil {
				return err
			}
		}
		it.raw = raw
		items = append(items, it)
	}
	return c.publish(ctx, sink, cur, s.timeline, items)
}

// publish hands the items' statuses (and the ancestors of replies whose
// parent was not seen) to the pipeline, then saves the cursor.
func (c *Connector) publish(ctx context.Context, sink channel.Sink, cur cursor, timeline string, items []item) error {
	var events []channel.Event
	next := cur.clone()
	for _, it := range items {
		if it.status != nil {
			events = append(events, c.withContext(ctx, it)...)
		}
		if timeline != "" {
			next.advance(timeline, it.cursorID)
		}
	}
	if err := sink.Publish(ctx, events); err != nil {
		return err
	}
	for _, ev := range events {
		c.seen.add(ev.Msg.ExternalID)
	}
	if next.String() == cur.String() {
		return nil
	}
	maps.Copy(cur, next)
	return sink.SaveCursor(ctx, cur.String())
}
