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

func (p Params) halfLife() time.Duration {
	if p.HalfLife <= 0 {
		return DefaultHalfLife
	}
	return p.HalfLife
}

// Input is what the computation reads from the store, with the last ids
// read, from which a warm update reads on.
type Input struct {
	Authors  []store.InfluenceAuthor
	Postings []store.Posting
	Edges    []store.Interaction
	// the last ids read
	LastAuthor, LastMessage, LastEdge int64
}

// Stats say what one computation did.
type Stats struct {
	Communities int // communities ranked (all of them on a cold run, the changed ones on a warm one)
	Nodes       int // summed over those communities (people appear in each of theirs)
	Edges       int
	NewEdges    int // edges added by a warm update
	Iterations  int // PageRank iterations summed over those communities
	Written     int // scores written
	Warm        bool
	// Took is the whole run: reading the store, building and updating the
	// graphs (Read), ranking and mixing (Rank), writing the scores (Write).
	Took, Read, Rank, Write time.Duration
}

// MinMove is how much a score (0 to 100) must move for a warm update to
// write it again: less does not show (scores are shown to one decimal).
const MinMove = 0.05

// Compute scores every person of every community from scratch.
func Compute(in Input, p Params) ([]store.InfluenceScore, Stats) {
	begin := time.Now()
	st := newState(in, p)
	scores, stats := st.rank(st.all(), false)
	stats.Took = time.Since(begin)
	return scores, stats
}

// community is one community's graph: its people (by lead author id) as
// node indexes, the CSR graph of its edges, the engagement each received
// and the last ranks.
type community struct {
	id    int64
	ids   []int64
	index map[int64]int32
	edges []Edge // while it is built; nil once g is
	g     *Graph
	in    []float64
	ranks []float32
	saved []float64 // the scores last written, -1 for none
}

// node returns the index of a person, adding them (to the graph too, once
// there is one) when new.
func (c *community) node(lead int64) (int32, bool) {
	if i, ok := c.index[lead]; ok {
		return i, false
	}
	i := int32(len(c.ids))
	c.index[lead] = i
	c.ids = append(c.ids, lead)
	if c.g != nil {
		c.g.AddNodes(1)
		c.in = append(c.in, 0)
		c.saved = append(c.saved, -1)
		if c.ranks != nil {
			c.ranks = append(c.ranks, 0) // a newcomer starts at 0 and is lifted by the teleport
		}
	}
	return i, true
}

// state is every community's graph as last computed, kept by the Engine so
// that new interactions update it without reading everything again.
// Weights are relative to the reference time ref (the newest interaction of
// the last cold run): a newer interaction weighs more than 1, which leaves
// PageRank unchanged (it reads shares of weight), and engagement is scaled
// back to the newest interaction when scores are mixed.
type state struct {
	p          Params
	ref        time.Time
	newest     time.Time
	lead       map[int64]int64 // author → lead identity of their person
	personLead map[int64]int64 // person → lead identity
	followers  map[int64]int64 // lead → followers summed over identities
	reachOf    map[int64]int64 // author → their own followers, to apply a change
	comms      map[int64]*community
	built      bool // the graphs are built: a new community starts with one
	// the last ids read, from which a warm update reads on
	lastAuthor, lastMessage, lastEdge int64
}

func newState(in Input, p Params) *state {
	s := &state{p: p, lead: map[int64]int64{}, personLead: map[int64]int64{}, followers: map[int64]int64{}, reachOf: map[int64]int64{},
		comms: map[int64]*community{}, lastAuthor: in.LastAuthor, lastMessage: in.LastMessage, lastEdge: in.LastEdge}
	s.addAuthors(in.Authors)
	for _, e := range in.Edges {
		if e.At.After(s.ref) {
			s.ref = e.At
		}
	}
	s.newest = s.ref
	s.addPostings(in.Postings)
	s.addEdges(in.Edges)
	for _, c := range s.comms {
		c.g, _ = Build(len(c.ids), c.edges) // nodes are numbered as edges are added: always in range
		c.in = InWeight(len(c.ids), c.edges)
		c.saved = make([]float64, len(c.ids))
		c.edges = nil
	}
	s.built = true
	return s
}

// addAuthors maps new authors to their person's lead identity (the smallest
// author id of the person: authors arrive in id order) and sums followers.
func (s *state) addAuthors(authors []store.InfluenceAuthor) {
	sorted := append([]store.InfluenceAuthor(nil), authors...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ID < sorted[j].ID })
	for _, a := range sorted {
		l := a.ID
		if a.PersonID != 0 {
			if pl, ok := s.personLead[a.PersonID]; ok {
				l = pl
			} else {
				s.personLead[a.PersonID] = a.ID
			}
		}
		s.lead[a.ID] = l
		s.setFollowers(a.ID, a.Followers)
		s.lastAuthor = max(s.lastAuthor, a.ID)
	}
}

// setFollowers records an author's current followers in their person's sum.
func (s *state) setFollowers(author, followers int64) {
	l, ok := s.lead[author]
	if !ok {
		return
	}
	s.followers[l] += followers - s.reachOf[author]
	s.reachOf[author] = followers
}

// writers returns the authors of postings, whose profiles (followers) may
// have changed with their new messages.
func writers(ps []store.Posting) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, p := range ps {
		if !seen[p.AuthorID] {
			seen[p.AuthorID] = true
			out = append(out, p.AuthorID)
		}
	}
	return out
}

func (s *state) get(id int64) *community {
	c := s.comms[id]
	if c == nil {
		c = &community{id: id, index: map[int64]int32{}}
		if s.built { // a community born in a warm update
			c.g, _ = Build(0, nil)
		}
		s.comms[id] = c
	}
	return c
}

// addPostings puts people who wrote in a community on its graph (and on the
// graph of all communities) and returns the communities that changed.
func (s *state) addPostings(ps []store.Posting) map[int64]bool {
	changed := map[int64]bool{}
	for _, p := range ps {
		l, ok := s.lead[p.AuthorID]
		if !ok {
			continue
		}
		ids := []int64{0}
		if p.CommunityID != 0 {
			ids = append(ids, p.CommunityID)
		}
		for _, id := range ids {
			if _, added := s.get(id).node(l); added {
				changed[id] = true
			}
		}
	}
	return changed
}

// addEdges adds interactions to their community's graph and to the graph
// of all communities, and returns the communities that changed. Edges of
// unknown authors (erased) and of a person to themself are left out.
func (s *state) addEdges(edges []store.Interaction) map[int64]bool {
	changed := map[int64]bool{}
	h := s.p.halfLife()
	for _, e := range edges {
		s.lastEdge = max(s.lastEdge, e.ID)
		from, ok1 := s.lead[e.Source]
		to, ok2 := s.lead[e.Target]
		if !ok1 || !ok2 || from == to {
			continue
		}
		if s.ref.IsZero() { // the cold run had no interaction to measure from
			s.ref = e.At
		}
		if e.At.After(s.newest) {
			s.newest = e.At
		}
		w := KindWeights[e.Kind] * math.Exp2(float64(e.At.Sub(s.ref))/float64(h))
		ids := []int64{0}
		if e.CommunityID != 0 {
			ids = append(ids, e.CommunityID)
		}
		for _, id := range ids {
			s.get(id).addEdge(from, to, float32(w))
			changed[id] = true
		}
	}
	return changed
}

func (c *community) addEdge(from, to int64, w float32) {
	f, _ := c.node(from)
	t, _ := c.node(to)
	e := Edge{From: f, To: t, W: w}
	if c.g == nil {
		c.edges = append(c.edges, e)
		return
	}
	c.g.AddEdges([]Edge{e}) // both ends exist: just added
	c.in[t] += float64(w)
	if len(c.g.Pending) > 1000 && len(c.g.Pending) > len(c.g.In)/20 {
		c.g.Compact()
	}
}

func (s *state) all() []int64 {
	ids := make([]int64, 0, len(s.comms))
	for id := range s.comms {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// tooFar reports whether an interaction is so much newer than the
// reference time that its relative weight would overflow float32: the
// graphs must then be rebuilt from a newer reference (a cold run).
func (s *state) tooFar(edges []store.Interaction) bool {
	limit := 60 * s.p.halfLife() // 2^60 is far from float32's 2^128
	for _, e := range edges {
		if !s.ref.IsZero() && e.At.Sub(s.ref) > limit {
			return true
		}
	}
	return false
}

// rank runs PageRank on the given communities (from their last ranks when
// warm) and mixes their scores.
func (s *state) rank(ids []int64, warm bool) ([]store.InfluenceScore, Stats) {
	begin := time.Now()
	st := Stats{Communities: len(ids), Warm: warm}
	var scores []store.InfluenceScore
	for _, id := range ids {
		c := s.comms[id]
		start := c.ranks
		if !warm {
			start = nil
		}
		var iters int
		c.ranks, iters = PageRank(c.g, start, s.p.Rank)
		scores = append(scores, s.mix(c)...)
		st.Nodes += len(c.ids)
		st.Edges += len(c.g.In) + len(c.g.Pending)
		st.Iterations += iters
	}
	st.Rank = time.Since(begin)
	return scores, st
}

// markSaved records scores as written.
func (s *state) markSaved(scores []store.InfluenceScore) {
	for _, sc := range scores {
		c := s.comms[sc.CommunityID]
		c.saved[c.index[sc.AuthorID]] = sc.Score
	}
}

// moved keeps the scores that moved by MinMove or more since last written
// (or were never written), and records them as written.
func (s *state) moved(scores []store.InfluenceScore) []store.InfluenceScore {
	var out []store.InfluenceScore
	for _, sc := range scores {
		c := s.comms[sc.CommunityID]
		i := c.index[sc.AuthorID]
		if c.saved[i] < 0 || math.Abs(sc.Score-c.saved[i]) >= MinMove {
			c.saved[i] = sc.Score
			out = append(out, sc)
		}
	}
	return out
}

// mix turns one community's ranks, reach and engagement into scores from 0
// to 100, each part scaled within the community.
func (s *state) mix(c *community) []store.InfluenceScore {
	n := len(c.ids)
	scale := math.Exp2(-float64(s.newest.Sub(s.ref)) / float64(s.p.halfLife())) // engagement as seen from the newest interaction
	in := make([]float64, n)
	reach := make([]float64, n)
	for i, id := range c.ids {
		in[i] = c.in[i] * scale
		reach[i] = math.Log1p(float64(max(0, s.followers[id])))
	}
	prNorm, reachNorm, engNorm := minMax(c.ranks), byMax(reach), byMax(logs(in))
	wPR, wReach, wEng := weights(prNorm != nil, reachNorm != nil, engNorm != nil)
	out := make([]store.InfluenceScore, n)
	for i, id := range c.ids {
		out[i] = store.InfluenceScore{CommunityID: c.id, AuthorID: id, PageRank: float64(c.ranks[i]), Engagement: in[i],
			Score: 100 * (wPR*at(prNorm, i) + wReach*at(reachNorm, i) + wEng*at(engNorm, i)), Reach: at(reachNorm, i)}
	}
	return out
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
