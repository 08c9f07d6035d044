package ui

import (
	"math"
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// stakeMap is the stakeholder map drawn as SVG with attributes only (the
// content security policy allows no inline style): the most influential
// person in the centre, the next ones on rings around by rank, coloured by
// stance, leaders outlined, and who turns to whom as lines. The layout is
// computed here, deterministic: the same data draws the same map.
type stakeMap struct {
	Size  int
	Nodes []mapNode
	Links []mapLink
}

// mapNode is one person on the map.
type mapNode struct {
	X, Y, R, LabelY int
	Label, Title    string
	Kind            string // leader, advocate, detractor or neutral
	Fill            string
	StrokeWidth     int
}

// mapLink is the interactions between two people, thicker when more.
type mapLink struct {
	X1, Y1, X2, Y2 int
	Width          string
	Title          string
}

const (
	mapSize      = 760
	mapLeaders   = 5    // the first five by score are outlined as leaders
	stanceCutoff = 0.25 // mean sentiment beyond which a person is an advocate or a detractor
)

// Fill colours by stance.
var stanceFill = map[string]string{"advocate": "#2e7d32", "detractor": "#c62828", "neutral": "#9e9e9e"}

// ring says on which ring rank i sits and its place there: one in the
// centre, then rings of 6, 12, 18… people.
func ring(i int) (ring, slot, slots int) {
	if i == 0 {
		return 0, 0, 1
	}
	i--
	for k := 1; ; k++ {
		if i < 6*k {
			return k, i, 6 * k
		}
		i -= 6 * k
	}
}

func stanceOf(l store.Leader) string {
	switch {
	case l.Messages > 0 && l.Stance >= stanceCutoff:
		return "advocate"
	case l.Messages > 0 && l.Stance <= -stanceCutoff:
		return "detractor"
	}
	return "neutral"
}

// layoutMap places leaders (ranked, best first) and the ties between them.
func layoutMap(leaders []store.Leader, ties []store.Tie) stakeMap {
	m := stakeMap{Size: mapSize}
	c := float64(mapSize) / 2
	rings := 1
	if len(leaders) > 1 {
		rings, _, _ = ring(len(leaders) - 1)
	}
	step := (c - 50) / float64(max(1, rings))
	at := map[int64]int{}
	for i, l := range leaders {
		k, slot, slots := ring(i)
		angle := -math.Pi/2 + 2*math.Pi*float64(slot)/float64(slots) + float64(k)*0.3 // rings turned a little apart
		x, y := c+float64(k)*step*math.Cos(angle), c+float64(k)*step*math.Sin(angle)
		r := 6 + int(math.Round(l.Score/100*14))
		kind := stanceOf(l)
		n := mapNode{X: int(math.Round(x)), Y: int(math.Round(y)), R: r, Label: l.Handle, Kind: kind,
			Fill: stanceFill[kind], StrokeWidth: 1,
			Title: l.Handle + " · " + strconv.FormatFloat(l.Score, 'f', 1, 64) + " · " + strconv.FormatFloat(l.Stance, 'f', 2, 64)}
		n.LabelY = n.Y + r + 12
		if i < mapLeaders {
			n.StrokeWidth, n.Kind = 4, "leader "+kind
		}
		at[l.AuthorID] = len(m.Nodes)
		m.Nodes = append(m.Nodes, n)
	}
	for _, t := range ties {
		a, ok1 := at[t.From]
		b, ok2 := at[t.To]
		if !ok1 || !ok2 {
			continue
		}
		p, q := m.Nodes[a], m.Nodes[b]
		w := math.Min(6, 1+math.Log2(float64(t.Count)))
		m.Links = append(m.Links, mapLink{X1: p.X, Y1: p.Y, X2: q.X, Y2: q.Y, Width: strconv.FormatFloat(w, 'f', 1, 64),
			Title: p.Label + " → " + q.Label + " · " + strconv.Itoa(t.Count)})
	}
	return m
}
