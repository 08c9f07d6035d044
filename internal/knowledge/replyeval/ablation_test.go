package replyeval

import (
	"context"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// ablation is the default ranking with one choice undone.
type ablation struct {
	name   string
	change func(*knowledge.Params)
	// helps says the choice must raise MRR on dev: the test fails if not.
	helps bool
}

var ablations = []ablation{
	{"default", func(*knowledge.Params) {}, false},
	{"mentions count as words (MentionWeight 1)", func(p *knowledge.Params) { p.MentionWeight = 1 }, true},
	{"with a use prior (UseWeight 0.5)", func(p *knowledge.Params) { p.UseWeight = 0.5 }, false},
	{"examples length-normalised like text (B 0.75)", func(p *knowledge.Params) { p.B[2] = 0.75 }, true},
	{"no example questions (examples weight 0)", func(p *knowledge.Params) { p.Weight[2] = 0 }, true},
	{"title like body (weight 1, B 0.75)", func(p *knowledge.Params) { p.Weight[0], p.B[0] = 1, 0.75 }, false},
}

// TestDevAblation undoes each choice of DefaultParams in turn on replies-cdp
// dev (leave-one-out), logs the table, with the two halves of the queries
// (even and odd rows) apart to show what holds on both, and fails when a
// choice said to help does not.
func TestDevAblation(t *testing.T) {
	rows, err := ReadFile(devSet(t))
	if err != nil {
		t.Fatal(err)
	}
	var base float64
	t.Logf("%-48s %8s %8s %8s | %-13s | %-13s", "ranking", "r@1", "r@5", "MRR", "even r@1 MRR", "odd r@1 MRR")
	for _, a := range ablations {
		p := knowledge.DefaultParams()
		a.change(&p)
		all, even, odd := halves(t, rows, p)
		t.Logf("%-48s %8.3f %8.3f %8.3f | %.3f %.3f   | %.3f %.3f", a.name, all.RecallAt1, all.RecallAt5, all.MRR,
			even.RecallAt1, even.MRR, odd.RecallAt1, odd.MRR)
		if a.name == "default" {
			base = all.MRR
		}
		if a.helps && all.MRR >= base {
			t.Errorf("%s: MRR %.3f ≥ default %.3f, but the choice is said to help", a.name, all.MRR, base)
		}
	}
}

// halves evaluates leave-one-out over all queries, then the even and odd ones.
func halves(t *testing.T, rows []Row, p knowledge.Params) (all, even, odd Result) {
	l := NewLibrary(rows, "en", false)
	ix := knowledge.NewIndex(p)
	for _, a := range l.Answers() {
		if err := ix.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	var ta, te, to tally
	for i := range rows {
		half := &te
		if i%2 == 1 {
			half = &to
		}
		for _, tl := range []*tally{&ta, half} {
			if err := tl.query(ix, l, &rows[i], i); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ta.result(), te.result(), to.result()
}

// TestEvaluateContextCancelled stops at once on a cancelled context.
func TestEvaluateContextCancelled(t *testing.T) {
	rows, _ := ReadFile("testdata/small.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Evaluate(ctx, rows, rows, Options{Params: knowledge.DefaultParams(), LeaveOneOut: true}); err == nil {
		t.Error("Evaluate ran on a cancelled context")
	}
}
