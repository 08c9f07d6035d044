package ui

import (
	"context"
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// personCard is the author card of the conversation page, fed by the
// author's person: identities, tags, custom fields, communities, how many
// messages and their sentiment by week, and the influence score.
type personCard struct {
	AuthorID  int64
	PersonID  int64 // 0 while the author stands alone
	Profile   *store.Profile
	Trend     sentimentChart
	Influence float64 // 0 to 100 in the message's community; 0 when not computed yet
	Href      string
}

// cardOf builds the author card of m; errors leave the card out.
func (u *UI) cardOf(ctx context.Context, m message.Message) *personCard {
	aid, pid, err := u.store.AuthorPerson(ctx, m.Channel, m.Author.Handle)
	if err != nil {
		return nil
	}
	c := &personCard{AuthorID: aid, PersonID: pid, Href: "/people/by-author/" + strconv.FormatInt(aid, 10)}
	if pid != 0 {
		c.Href = "/people/" + strconv.FormatInt(pid, 10)
		if pr, err := u.store.Profile(ctx, pid); err == nil {
			c.Profile, c.Trend = &pr, sentimentChartOf(pr.Sentiment)
		}
	}
	// Influence: the score computed by package influence (table influence_scores).
	c.Influence, _ = u.store.InfluenceOf(ctx, m.Channel, m.Author.Handle, m.Community)
	return c
}
