package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// A limit that is not a whole number from 1 to 1,000 is refused (400), not
// silently replaced by 100.
func TestPeopleSearchAndSegmentLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seg, err := s.SaveSegment(ctx, store.Actor{Name: "test"}, store.Segment{Name: "all", Shared: true})
		if err != nil {
			t.Fatal(err)
		}
		plain, hash, _ := access.NewToken()
		if _, err := s.CreateToken(ctx, store.Actor{Name: "test"}, "analyst", "analyst", 0, hash); err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer((&api.Server{Store: s, Version: "test"}).Handler())
		defer hs.Close()
		members := fmt.Sprintf("/api/v1/segments/%d/members", seg.ID)
		for path, want := range map[string]int{
			"/api/v1/people?limit=50": 200, "/api/v1/people": 200, "/api/v1/people?limit=abc": 400,
			"/api/v1/people?limit=5000": 400, "/api/v1/people?limit=0": 400,
			members + "?limit=10": 200, members + "?limit=-1": 400, members + "?limit=1001": 400,
		} {
			req, _ := http.NewRequest("GET", hs.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+plain)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != want {
				t.Errorf("GET %s: %d, want %d", path, res.StatusCode, want)
			}
		}
	})
}
