package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// Every serve process runs the influence recomputation: two full saves of
// the same communities at once must both succeed and leave one score per
// author, not fail on the rows the other inserted meanwhile.
func TestSaveInfluenceConcurrently(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		scores := make([]store.InfluenceScore, 0, 400)
		for c := int64(0); c < 2; c++ {
			for a := int64(1); a <= 200; a++ {
				scores = append(scores, store.InfluenceScore{CommunityID: c, AuthorID: a, Score: float64(a) / 2})
			}
		}
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					if err := s.SaveInfluence(ctx, scores, time.Now()); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent save: %v", err)
		}
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM influence_scores`).Scan(&n); err != nil || n != 400 {
			t.Errorf("%d scores stored (%v), want 400", n, err)
		}
	})
}
