package influence

import (
	"math"
	"sort"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// Mix weighs the three parts of the score. Graph position counts most: it
// says who the community listens to, which followers alone do not.
var Mix = struct{ PageRank, Reach, Engagement float64 }{0.5, 0.25, 0.25}

// Params tune the influence computation.
type Params struct {
	HalfLife time.Duration // DefaultHalfLife when 0
	Rank     RankParams
}

// Input is what the computation reads from the store.
type Input struct {
	Authors  []store.InfluenceAuthor
	Postings []store.Posting
	Edges    []store.Interaction
}

// Stats say what one computation did.
type Stats struct {
	Communities int
	Nodes       int // summed over communities (people appear in each of theirs)
	Edges       int
	Iterations  int // PageRank iterations summed over communities
	Warm        bool
	Took        time.Duration
}

// community is one community's graph under construction: its people (by
// lead author id) as node indexes and its decayed edges.
type community struct {
	id    int64
	ids   []int64
	index map[int64]int32
	edges []Edge
}

func (c *community) node(lead int64) int32 {
	if i, ok := c.index[lead]; ok {
		return i
	}
	i := int32(len(c.ids))
	c.index[lead] = i
	c.ids = append(c.ids, lead)
	return i
}

// people maps each author to their person's lead identity (the smallest
// author id of the person) and sums followers per lead.
func people(authors []store.InfluenceAuthor) (lead map[int64]int64, followers map[int64]int64) {
	lead = make(map[int64]int64, len(authors))
	first := map[int64]int64{} // person → smallest author id
	for _, a := range authors {
		if a.PersonID == 0 {
			continue
		}
		if f, ok := first[a.PersonID]; !ok || a.ID < f {
			first[a.PersonID] = a.ID
		}
	}
	followers = make(map[int64]int64, len(authors))
	for _, a := range authors {
		l := a.ID
		if a.PersonID != 0 {
			l = first[a.PersonID]
		}
		lead[a.ID] = l
		followers[l] += a.Followers
	}
	return lead, followers
}

// graphs splits the input into one graph per community plus the graph of all
// communities (id 0). Decay is measured from the newest interaction, so an
// archive replayed today scores as it did then.
func graphs(in Input, halfLife time.Duration) map[int64]*community {
	lead, _ := people(in.Authors)
	out := map[int64]*community{}
	get := func(id int64) *community {
		c := out[id]
		if c == nil {
			c = &community{id: id, index: map[int64]int32{}}
			out[id] = c
		}
		return c
	}
	for _, p := range in.Postings {
		if l, ok := lead[p.AuthorID]; ok {
			get(0).node(l)
			if p.CommunityID != 0 {
				get(p.CommunityID).node(l)
			}
		}
	}
	var ref time.Time
	for _, e := range in.Edges {
		if e.At.After(ref) {
			ref = e.At
		}
	}
	for _, e := range in.Edges {
		from, ok1 := lead[e.Source]
		to, ok2 := lead[e.Target]
		if !ok1 || !ok2 || from == to { // an erased author, or a person talking to themself
			continue
		}
		w := float32(EdgeWeight(e.Kind, e.At, ref, halfLife))
		for _, c := range []*community{get(0), communityOf(e, get)} {
			if c != nil {
				c.edges = append(c.edges, Edge{From: c.node(from), To: c.node(to), W: w})
			}
		}
	}
	return out
}

func communityOf(e store.Interaction, get func(int64) *community) *community {
	if e.CommunityID == 0 {
		return nil
	}
	return get(e.CommunityID)
}

// Compute scores every person of every community. prev holds the ranks of
// an earlier run by community and lead author (nil for a cold start); the
// ranks of this run are returned for the next one.
func Compute(in Input, p Params, prev map[int64]map[int64]float32) ([]store.InfluenceScore, map[int64]map[int64]float32, Stats) {
	if p.HalfLife == 0 {
		p.HalfLife = DefaultHalfLife
	}
	begin := time.Now()
	_, followers := people(in.Authors)
	cs := graphs(in, p.HalfLife)
	ids := make([]int64, 0, len(cs))
	for id := range cs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var scores []store.InfluenceScore
	ranks := map[int64]map[int64]float32{}
	st := Stats{Communities: len(cs), Warm: prev != nil}
	for _, id := range ids {
		c := cs[id]
		sc, r, iters := scoreCommunity(c, followers, prev[id], p.Rank)
		scores = append(scores, sc...)
		ranks[id] = r
		st.Nodes += len(c.ids)
		st.Edges += len(c.edges)
		st.Iterations += iters
	}
	st.Took = time.Since(begin)
	return scores, ranks, st
}

// scoreCommunity ranks one community's graph, warm-started from prev, and
// mixes rank, reach and engagement into scores from 0 to 100.
func scoreCommunity(c *community, followers map[int64]int64, prev map[int64]float32, rp RankParams) ([]store.InfluenceScore, map[int64]float32, int) {
	n := len(c.ids)
	g, err := Build(n, c.edges)
	if err != nil { // cannot happen: nodes are numbered as edges are added
		panic(err)
	}
	var start []float32
	if prev != nil {
		start = make([]float32, n)
		for i, id := range c.ids {
			start[i] = prev[id] // a newcomer starts at 0 and is lifted by the teleport
		}
	}
	rank, iters := PageRank(g, start, rp)
	in := InWeight(n, c.edges)
	prNorm := minMax(rank)
	reach := make([]float64, n)
	for i, id := range c.ids {
		reach[i] = math.Log1p(float64(max(0, followers[id])))
	}
	reachNorm, engNorm := byMax(reach), byMax(logs(in))
	wPR, wReach, wEng := weights(prNorm != nil, reachNorm != nil, engNorm != nil)
	out := make([]store.InfluenceScore, n)
	ranks := make(map[int64]float32, n)
	for i, id := range c.ids {
		s := store.InfluenceScore{CommunityID: c.id, AuthorID: id, PageRank: float64(rank[i]), Engagement: in[i]}
		s.Score = 100 * (wPR*at(prNorm, i) + wReach*at(reachNorm, i) + wEng*at(engNorm, i))
		s.Reach = at(reachNorm, i)
		out[i] = s
		ranks[id] = rank[i]
	}
	return out, ranks, iters
}

// weights renormalises Mix over the parts that tell people apart.
func weights(pr, reach, eng bool) (float64, float64, float64) {
	var a, b, c float64
	if pr {
		a = Mix.PageRank
	}
	if reach {
		b = Mix.Reach
	}
	if eng {
		c = Mix.Engagement
	}
	sum := a + b + c
	if sum == 0 {
		return 0, 0, 0
	}
	return a / sum, b / sum, c / sum
}

func at(v []float64, i int) float64 {
	if v == nil {
		return 0
	}
	return v[i]
}

func logs(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = math.Log1p(x)
	}
	return out
}

// byMax scales v to 0..1 by its maximum; nil when all are 0.
func byMax(v []float64) []float64 {
	var m float64
	for _, x := range v {
		m = max(m, x)
	}
	if m <= 0 {
		return nil
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = x / m
	}
	return out
}

// minMax scales ranks to 0..1 between their minimum and maximum; nil when all
// are equal (a graph without edges ranks everyone the same).
func minMax(r []float32) []float64 {
	if len(r) == 0 {
		return nil
	}
	lo, hi := r[0], r[0]
	for _, x := range r {
		lo, hi = min(lo, x), max(hi, x)
	}
	if float64(hi-lo) <= 1e-9*float64(hi) {
		return nil
	}
	out := make([]float64, len(r))
	for i, x := range r {
		out[i] = float64(x-lo) / float64(hi-lo)
	}
	return out
}
