package influence

import (
	"math"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestDecayHalvesEveryHalfLife(t *testing.T) {
	h := 30 * 24 * time.Hour
	for _, c := range []struct {
		age  time.Duration
		want float64
	}{{0, 1}, {h, 0.5}, {2 * h, 0.25}, {h / 2, 1 / math.Sqrt2}, {-time.Hour, 1}} {
		if got := Decay(c.age, h); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Decay(%v) = %g, want %g", c.age, got, c.want)
		}
	}
	ref := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	if got := EdgeWeight(store.InteractionRepost, ref.Add(-h), ref, h); got != 1 {
		t.Errorf("a repost one half-life old weighs %g, want 2·0.5", got)
	}
}

// An old interaction counts less than a recent one: of two people each
// mentioned once by someone else, the one mentioned recently ranks higher,
// and the difference grows as the half-life shrinks.
func TestOldInteractionsCountLess(t *testing.T) {
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	in := Input{
		Authors:  []store.InfluenceAuthor{{ID: 1}, {ID: 2}, {ID: 3}, {ID: 4}},
		Postings: []store.Posting{{CommunityID: 1, AuthorID: 1}, {CommunityID: 1, AuthorID: 2}, {CommunityID: 1, AuthorID: 3}, {CommunityID: 1, AuthorID: 4}},
		Edges: []store.Interaction{
			{MessageID: 1, CommunityID: 1, Source: 1, Target: 3, Kind: store.InteractionReply, At: now.Add(-90 * 24 * time.Hour)},
			{MessageID: 2, CommunityID: 1, Source: 2, Target: 4, Kind: store.InteractionReply, At: now},
		},
	}
	scores, _ := Compute(in, Params{})
	by := map[int64]float64{}
	for _, s := range scores {
		if s.CommunityID == 1 {
			by[s.AuthorID] = s.Score
		}
	}
	if !(by[4] > by[3] && by[3] > by[1]) {
		t.Fatalf("scores %v: want recent target 4 > old target 3 > source 1", by)
	}
	if by[4] != 100 {
		t.Errorf("top score %g, want 100", by[4])
	}
}
