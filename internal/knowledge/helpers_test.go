package knowledge

import (
	"testing"
	"time"
)

// approved returns an approved answer for tests.
func approved(id, lang, title, body string, examples ...string) Answer {
	return Answer{ID: id, Title: title, Body: body, Language: lang, Examples: examples, State: StateApproved, Version: 1}
}

// newTestIndex indexes answers with the default parameters.
func newTestIndex(t *testing.T, answers ...Answer) *Index {
	t.Helper()
	ix := NewIndex(DefaultParams())
	for _, a := range answers {
		if err := ix.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// ids returns the answer ids of suggestions, in order.
func ids(sugs []Suggestion) []string {
	out := make([]string, len(sugs))
	for i, s := range sugs {
		out[i] = s.Answer.ID
	}
	return out
}

// top returns the id of the first suggestion, or "" when there is none.
func top(sugs []Suggestion) string {
	if len(sugs) == 0 {
		return ""
	}
	return sugs[0].Answer.ID
}

var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
