package influence

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// Engine recomputes influence from the store. After a cold run it keeps
// every community's graph in memory, so a warm update reads only the
// authors, messages and interactions stored since, adds them to the graphs
// (new edges in O(their number), see Graph.AddEdges), and ranks the changed
// communities from their last ranks. It is safe for concurrent use (runs
// take turns).
type Engine struct {
	Store  *store.Store
	Params Params

	mu   sync.Mutex
	st   *state
	last Stats
}

// Recompute scores and stores the influence of every person. A cold run
// (warm false, or no earlier run) deletes the edges of authors that no
// longer exist (erased or purged), reads everything, ranks from uniform
// ranks and replaces every stored score. A warm one updates the graphs kept
// from the last run with what was stored since, ranks the communities that
// changed from their last ranks and writes only the scores that moved by
// MinMove or more; it turns cold when authors were deleted meanwhile.
func (e *Engine) Recompute(ctx context.Context, warm bool) (Stats, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	begin := time.Now()
	var scores []store.InfluenceScore
	var st Stats
	var err error
	cold := !warm || e.st == nil
	if !cold {
		scores, st, cold, err = e.update(ctx)
	}
	if err == nil && cold {
		scores, st, err = e.cold(ctx)
	}
	if err == nil {
		st.Read = time.Since(begin) - st.Rank
		write := time.Now()
		if cold {
			err = e.Store.SaveInfluence(ctx, scores, time.Now())
		} else {
			err = e.Store.UpdateInfluence(ctx, scores, time.Now())
		}
		st.Written, st.Write = len(scores), time.Since(write)
	}
	if err != nil {
		e.st = nil // the next run starts over
		return st, err
	}
	st.Took = time.Since(begin)
	e.last = st
	return st, nil
}

func (e *Engine) cold(ctx context.Context) ([]store.InfluenceScore, Stats, error) {
	if _, err := e.Store.PruneInfluence(ctx); err != nil {
		return nil, Stats{}, err
	}
	in, err := Load(ctx, e.Store)
	if err != nil {
		return nil, Stats{}, err
	}
	e.st = newState(in, e.Params)
	scores, st := e.st.rank(e.st.all(), false)
	e.st.markSaved(scores)
	return scores, st, nil
}

// update adds what was stored since the last run (new authors, the
// followers of those who wrote, new postings and interactions), ranks
// what changed and returns the scores that moved;
// it asks for a cold run instead (cold true) when the new interactions are
// too far ahead of the graphs' reference time.
func (e *Engine) update(ctx context.Context) (scores []store.InfluenceScore, st Stats, cold bool, err error) {
	s := e.st
	// Messages and interactions first, authors last: an author is stored
	// with their first message, so every author they name is then read.
	postings, lastMessage, err := e.Store.PostingsAfter(ctx, s.lastMessage)
	if err != nil {
		return nil, Stats{}, false, err
	}
	edges, err := e.Store.InteractionsAfter(ctx, s.lastEdge)
	if err != nil || s.tooFar(edges) {
		return nil, Stats{}, err == nil, err
	}
	authors, err := e.Store.InfluenceAuthorsAfter(ctx, s.lastAuthor)
	if err != nil {
		return nil, Stats{}, false, err
	}
	s.addAuthors(authors)
	if n, err := e.Store.CountAuthors(ctx); err != nil || n < len(s.lead) {
		return nil, Stats{}, err == nil, err // some were deleted: their edges must go
	}
	followers, err := e.Store.FollowersOf(ctx, writers(postings))
	if err != nil {
		return nil, Stats{}, false, err
	}
	for id, f := range followers {
		s.setFollowers(id, f)
	}
	changed := s.addPostings(postings)
	for _, p := range postings { // their reach may have changed where they wrote
		changed[0] = true
		if p.CommunityID != 0 {
			changed[p.CommunityID] = true
		}
	}
	s.lastMessage = lastMessage
	for id := range s.addEdges(edges) {
		changed[id] = true
	}
	ids := make([]int64, 0, len(changed))
	for _, id := range s.all() {
		if changed[id] {
			ids = append(ids, id)
		}
	}
	scores, st = s.rank(ids, true)
	st.NewEdges = len(edges)
	return s.moved(scores), st, false, nil
}

// Last returns the stats of the last run.
func (e *Engine) Last() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.last
}

// Load reads what a cold run needs from the store, with the last ids read.
func Load(ctx context.Context, st *store.Store) (Input, error) {
	var in Input
	var err error
	// Messages and interactions first, authors last (see Engine.update).
	if in.Postings, in.LastMessage, err = st.PostingsAfter(ctx, 0); err != nil {
		return in, fmt.Errorf("load influence: %w", err)
	}
	if in.Edges, err = st.InteractionsAfter(ctx, 0); err != nil {
		return in, fmt.Errorf("load influence: %w", err)
	}
	if in.Authors, err = st.InfluenceAuthorsAfter(ctx, 0); err != nil {
		return in, fmt.Errorf("load influence: %w", err)
	}
	for _, a := range in.Authors {
		in.LastAuthor = max(in.LastAuthor, a.ID)
	}
	for _, e := range in.Edges {
		in.LastEdge = max(in.LastEdge, e.ID)
	}
	return in, nil
}
