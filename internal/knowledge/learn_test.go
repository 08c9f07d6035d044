package knowledge

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
)

func TestLearnMovesAnswerUp(t *testing.T) {
	ix := newTestIndex(t,
		approved("billing", "en", "Billing questions", "A charge on your invoice? Your billing details are in your account."),
		approved("plan", "en", "Change your plan", "You can change your plan at any time in settings."),
	)
	msg := "why was I charged twice this month"
	if top(ix.Suggest(Query{Text: msg})) != "billing" {
		t.Fatalf("before learning, top = %q, want billing", top(ix.Suggest(Query{Text: msg})))
	}
	if _, err := ix.Learn("plan", "charged twice this month after I changed plan"); err != nil {
		t.Fatal(err)
	}
	sugs := ix.Suggest(Query{Text: msg})
	if top(sugs) != "plan" {
		t.Fatalf("after learning, ranking = %v, want plan first", ids(sugs))
	}
	if !slices.Contains(sugs[0].Matched, "charged") {
		t.Errorf("matched = %q, want the learnt word charged", sugs[0].Matched)
	}
}

func TestLearnRecordsExampleAndUses(t *testing.T) {
	ix := newTestIndex(t, approved("a", "en", "Title", "Body"))
	a, err := ix.Learn("a", "  first question ")
	if err != nil {
		t.Fatal(err)
	}
	a, _ = ix.Learn("a", "FIRST question")
	if a.Uses != 2 || !slices.Equal(a.Examples, []string{"first question"}) {
		t.Errorf("uses %d examples %q, want 2 and one example", a.Uses, a.Examples)
	}
	got, _ := ix.Get("a")
	if got.Uses != 2 {
		t.Errorf("indexed answer has %d uses, want 2", got.Uses)
	}
	if _, err := ix.Learn("missing", "q"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Learn(missing) = %v, want ErrNotFound", err)
	}
}

func TestLearnKeepsLatestExamples(t *testing.T) {
	p := DefaultParams()
	p.MaxExamples = 3
	ix := NewIndex(p)
	if err := ix.Put(approved("a", "en", "Title", "Body")); err != nil {
		t.Fatal(err)
	}
	var a Answer
	for i := range 5 {
		a, _ = ix.Learn("a", fmt.Sprintf("question %d", i))
	}
	if !slices.Equal(a.Examples, []string{"question 2", "question 3", "question 4"}) {
		t.Errorf("examples = %q", a.Examples)
	}
}

func TestIncrementalUpdateAndRemove(t *testing.T) {
	ix := newTestIndex(t, approved("a", "en", "Shipping", "We ship worldwide."))
	if err := ix.Put(approved("a", "en", "Returns", "Send the parcel back.")); err != nil {
		t.Fatal(err)
	}
	if got := ix.Suggest(Query{Text: "shipping worldwide"}); len(got) != 0 {
		t.Errorf("old text still matches after update: %v", ids(got))
	}
	if top(ix.Suggest(Query{Text: "return a parcel"})) != "a" {
		t.Error("new text does not match after update")
	}
	if !ix.Remove("a") || ix.Remove("a") || ix.Len() != 0 {
		t.Error("Remove did not drop the answer exactly once")
	}
	if got := ix.Suggest(Query{Text: "return a parcel"}); len(got) != 0 {
		t.Errorf("removed answer suggested: %v", ids(got))
	}
}

func TestConcurrentUse(t *testing.T) {
	ix := newTestIndex(t, approved("base", "en", "Store hours", "We open at nine."))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				id := fmt.Sprintf("w%d-%d", w, i%5)
				_ = ix.Put(approved(id, "en", "Store hours", "Open late on Fridays."))
				_, _ = ix.Learn("base", fmt.Sprintf("when do you open %d", i))
				_ = ix.Suggest(Query{Text: "when does the store open"})
				if i%7 == 0 {
					ix.Remove(id)
				}
			}
		})
	}
	wg.Wait()
	if top(ix.Suggest(Query{Text: "when do you open 3"})) != "base" {
		t.Error("learnt examples lost under concurrent use")
	}
}
