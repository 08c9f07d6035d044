package knowledge

import (
	"testing"
	"time"
)

func TestSuggestOnlyApprovedUnexpired(t *testing.T) {
	live := approved("live", "en", "Delivery delays", "Deliveries are late this week.")
	expired := approved("expired", "en", "Delivery delays", "Deliveries are late because of the strike.")
	expired.ExpiresAt = testNow.Add(-time.Hour)
	later := approved("later", "en", "Delivery delays", "Deliveries are late, sorry.")
	later.ExpiresAt = testNow.Add(time.Hour)
	draft := approved("draft", "en", "Delivery delays", "Deliveries are late (draft).")
	draft.State = StateDraft
	retired := approved("retired", "en", "Delivery delays", "Deliveries were late last year.")
	retired.State = StateRetired
	ix := newTestIndex(t, live, expired, later, draft, retired)

	got := ids(ix.Suggest(Query{Text: "late delivery", Now: testNow}))
	if len(got) != 2 || !contains(got, "live") || !contains(got, "later") {
		t.Fatalf("got %v, want live and later only", got)
	}
	if ix.Len() != 3 {
		t.Errorf("Len = %d, want 3: drafts and retired answers are not indexed", ix.Len())
	}
	got = ids(ix.Suggest(Query{Text: "late delivery", Now: testNow.Add(2 * time.Hour)}))
	if len(got) != 1 || got[0] != "live" {
		t.Errorf("two hours later got %v, want live only", got)
	}
}

func TestPutRetiredRemoves(t *testing.T) {
	a := approved("a", "en", "Opening hours", "We open at nine.")
	ix := newTestIndex(t, a)
	a.State = StateRetired
	if err := ix.Put(a); err != nil {
		t.Fatal(err)
	}
	if got := ix.Suggest(Query{Text: "opening hours"}); len(got) != 0 {
		t.Errorf("retired answer still suggested: %v", ids(got))
	}
}

func TestPutRejectsInvalid(t *testing.T) {
	ix := NewIndex(DefaultParams())
	for _, a := range []Answer{
		{Title: "no id", State: StateApproved},
		{ID: "x", State: StateApproved},
		{ID: "x", Title: "t", State: "published"},
	} {
		if err := ix.Put(a); err == nil {
			t.Errorf("Put(%+v) accepted an invalid answer", a)
		}
	}
	if ix.Len() != 0 {
		t.Errorf("Len = %d after invalid puts", ix.Len())
	}
}
