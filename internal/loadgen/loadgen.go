// Package loadgen makes synthetic social messages for benchmarks and demos:
// deterministic for a seed, in French and English, across the routing
// classes, with threads, authors of every reach and several channels. The
// phrases are written for Switchboard; no real post is used.
package loadgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Generator makes messages one after another.
type Generator struct {
	rnd     *rand.Rand
	authors *rand.Zipf
	n       int
	start   time.Time
}

// New returns a generator; the same seed gives the same messages.
func New(seed uint64) *Generator {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	// Who posts follows a heavy tail, as on every network: a few authors
	// write often, most once.
	return &Generator{rnd: r, authors: rand.NewZipf(r, 1.2, 1, 500_000), start: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)}
}

var channels = []string{"mastodon", "bluesky", "facebook", "instagram", "x", "email", "rss"}

var communities = []string{"", "france", "belgique", "quebec", "uk", "us"}

// Next returns the next message.
func (g *Generator) Next() *message.Message {
	g.n++
	fr := g.rnd.IntN(100) < 60
	phrases := english
	if fr {
		phrases = french
	}
	text := g.compose(phrases)
	author, id := g.author()
	m := &message.Message{
		Channel:    channels[id%len(channels)], // an author writes on their own network
		ExternalID: fmt.Sprintf("gen-%d", g.n),
		Text:       text,
		CreatedAt:  g.start.Add(time.Duration(g.n) * 250 * time.Millisecond),
		Community:  communities[g.rnd.IntN(len(communities))],
		Author:     author,
	}
	if g.n > 10 && g.rnd.IntN(100) < 30 {
		m.InReplyTo = fmt.Sprintf("gen-%d", g.n-1-g.rnd.IntN(10))
	}
	return m
}

func (g *Generator) author() (message.Author, int) {
	id := int(g.authors.Uint64())
	// Followers are a property of the author, not of the message.
	followers := int64(id*7919%1000) * int64(1+id%7)
	if id%997 == 0 {
		followers *= 500
	}
	return message.Author{Handle: fmt.Sprintf("@user%d", id), Name: fmt.Sprintf("User %d", id), Followers: followers}, id
}

// compose picks an opening, a body and a closing, with the occasional
// hashtag, mention, link or emoji.
func (g *Generator) compose(p phrasebook) string {
	parts := []string{pick(g.rnd, p.openings), pick(g.rnd, p.bodies)}
	if g.rnd.IntN(100) < 50 {
		parts = append(parts, pick(g.rnd, p.closings))
	}
	switch g.rnd.IntN(6) {
	case 0:
		parts = append(parts, "#"+pick(g.rnd, tags))
	case 1:
		parts = append([]string{"@" + pick(g.rnd, brands)}, parts...)
	case 2:
		parts = append(parts, fmt.Sprintf("https://example.com/p/%d", g.rnd.IntN(100000)))
	case 3:
		parts = append(parts, pick(g.rnd, emoji))
	}
	return strings.Join(parts, " ")
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }
