package xapi

import (
	"context"
	"fmt"
	"net/url"
)

type rule struct {
	ID    string `json:"id,omitempty"`
	Value string `json:"value"`
	Tag   string `json:"tag,omitempty"`
}

// syncRules makes the stream's Switchboard rules those of the
// configuration: missing ones are added, stale ones deleted, rules tagged
// otherwise (another tool's) are kept.
func (c *Connector) syncRules(ctx context.Context) error {
	var current struct {
		Data []rule `json:"data"`
	}
	if _, err := c.call(ctx, c.bearer, "/2/tweets/search/stream/rules", nil, nil, &current); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, r := range c.cfg.Rules {
		want[r] = true
	}
	var stale []string
	for _, r := range current.Data {
		switch {
		case r.Tag != ruleTag:
		case want[r.Value]:
			delete(want, r.Value)
		default:
			stale = append(stale, r.ID)
		}
	}
	if len(stale) > 0 {
		in := map[string]any{"delete": map[string][]string{"ids": stale}}
		if _, err := c.call(ctx, c.bearer, "/2/tweets/search/stream/rules", nil, in, nil); err != nil {
			return fmt.Errorf("x rules: %w", err)
		}
	}
	return c.addRules(ctx, want)
}

func (c *Connector) addRules(ctx context.Context, want map[string]bool) error {
	var add []rule
	for _, r := range c.cfg.Rules { // in configuration order
		if want[r] {
			add = append(add, rule{Value: r, Tag: ruleTag})
		}
	}
	if len(add) == 0 {
		return nil
	}
	var res struct {
		Errors []struct {
			Title  string `json:"title"`
			Value  string `json:"value"`
			Detail string `json:"detail"`
		} `json:"errors"`
	}
	if _, err := c.call(ctx, c.bearer, "/2/tweets/search/stream/rules", nil, map[string]any{"add": add}, &res); err != nil {
		return fmt.Errorf("x rules: %w", err)
	}
	for _, e := range res.Errors {
		if e.Title != "DuplicateRule" {
			return fmt.Errorf("x rule %q refused: %s %s", e.Value, e.Title, e.Detail)
		}
	}
	return nil
}

// searchQuery is one search for every rule, for the catch-up.
func (c *Connector) searchQuery() url.Values {
	q := url.Values{}
	setFields(q)
	q.Set("max_results", "100")
	return q
}
