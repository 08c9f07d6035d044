package replyeval

import (
	"context"
	"fmt"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// Result is what an evaluation measured.
type Result struct {
	Queries   int     `json:"queries"`
	Skipped   int     `json:"skipped"`
	RecallAt1 float64 `json:"recall_at_1"`
	RecallAt5 float64 `json:"recall_at_5"`
	MRR       float64 `json:"mrr"`
}

// Options set up one evaluation.
type Options struct {
	Params knowledge.Params
	// Lang is the language of the rows' text ("en", "fr", "" for unknown).
	Lang string
	// LeaveOneOut says that queries are the library's own rows, in order:
	// each query is ranked against a library without its own row.
	LeaveOneOut bool
	// BrandCommunities makes each row's brand (the account the customer
	// addressed) the community of its answer and of its query, so only
	// answers given on the same account are suggested.
	BrandCommunities bool
	// Progress, when set, is called once per query.
	Progress func()
}

// Evaluate ranks each query's messages against the library and scores the
// rank of its document: recall at 1 and 5 and the mean reciprocal rank over
// the queries whose document the library holds; the others are skipped.
func Evaluate(ctx context.Context, lib, queries []Row, o Options) (Result, error) {
	if o.LeaveOneOut && len(lib) != len(queries) {
		return Result{}, fmt.Errorf("leave-one-out needs the same rows: %d library rows, %d queries", len(lib), len(queries))
	}
	l := NewLibrary(lib, o.Lang, o.BrandCommunities)
	ix := knowledge.NewIndex(o.Params)
	for _, a := range l.Answers() {
		if err := ix.Put(a); err != nil {
			return Result{}, fmt.Errorf("build library: %w", err)
		}
	}
	var t tally
	for i := range queries {
		if err := ctx.Err(); err != nil {
			return Result{}, fmt.Errorf("evaluate: %w", err)
		}
		if err := t.query(ix, l, &queries[i], leftOut(o, i)); err != nil {
			return Result{}, err
		}
		if o.Progress != nil {
			o.Progress()
		}
	}
	return t.result(), nil
}

func leftOut(o Options, i int) int {
	if o.LeaveOneOut {
		return i
	}
	return -1
}

// tally accumulates the ranks of the scored queries.
type tally struct {
	n, skipped, at1, at5 int
	rr                   float64
}

// query ranks one query, leaving library row skip out, and counts its rank.
func (t *tally) query(ix *knowledge.Index, l *Library, q *Row, skip int) error {
	if skip >= 0 {
		restore, err := leaveOut(ix, l, q.DocID, skip)
		if err != nil {
			return err
		}
		defer restore()
	}
	if _, ok := ix.Get(q.DocID); !ok {
		t.skipped++
		return nil
	}
	rank := rankOf(ix, l, q)
	t.n++
	if rank == 1 {
		t.at1++
	}
	if rank >= 1 && rank <= 5 {
		t.at5++
	}
	if rank >= 1 {
		t.rr += 1 / float64(rank)
	}
	return nil
}

// leaveOut replaces document id's answer by one without row skip, and
// returns the function that puts the full answer back.
func leaveOut(ix *knowledge.Index, l *Library, id string, skip int) (func(), error) {
	full, _ := l.Answer(id, -1)
	if a, ok := l.Answer(id, skip); ok {
		if err := ix.Put(a); err != nil {
			return nil, fmt.Errorf("leave row %d out: %w", skip+1, err)
		}
	} else {
		ix.Remove(id)
	}
	return func() { _ = ix.Put(full) }, nil
}

// rankOf returns the 1-based rank of q's document among all suggestions,
// or 0 when it is not suggested at all.
func rankOf(ix *knowledge.Index, l *Library, q *Row) int {
	query := knowledge.Query{Text: q.Question(), Language: l.lang, Limit: ix.Len()}
	if l.communities {
		query.Community = q.Brand
	}
	sugs := ix.Suggest(query)
	for i, s := range sugs {
		if s.Answer.ID == q.DocID {
			return i + 1
		}
	}
	return 0
}

func (t *tally) result() Result {
	r := Result{Queries: t.n, Skipped: t.skipped}
	if t.n > 0 {
		n := float64(t.n)
		r.RecallAt1, r.RecallAt5, r.MRR = float64(t.at1)/n, float64(t.at5)/n, t.rr/n
	}
	return r
}
