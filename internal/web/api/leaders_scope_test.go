package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// An agent sees the leaders' recent messages of their departments only, as
// everywhere else in the API; the ranking itself is the same.
func TestLeadersRecentMessagesScopedToDepartments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.SaveMessages(ctx, leaderMessages()); err != nil { // every message in "customer"
			t.Fatal(err)
		}
		if _, err := influence.Sync(ctx, s); err != nil {
			t.Fatal(err)
		}
		if _, err := (&influence.Engine{Store: s}).Recompute(ctx, false); err != nil {
			t.Fatal(err)
		}
		admin := store.Actor{Name: "test"}
		for _, d := range []string{"customer", "legal"} {
			if err := s.SaveDepartment(ctx, admin, route.Department{Slug: d, Name: d}); err != nil {
				t.Fatal(err)
			}
		}
		token := func(role string, deps ...string) string {
			var uid int64
			if deps != nil {
				u, err := s.CreateUser(ctx, admin, store.User{Email: deps[0] + "@example.com", Role: role, Departments: deps}, "")
				if err != nil {
					t.Fatal(err)
				}
				uid = u.ID
			}
			plain, hash, _ := access.NewToken()
			if _, err := s.CreateToken(ctx, admin, role, role, uid, hash); err != nil {
				t.Fatal(err)
			}
			return plain
		}
		hs := httptest.NewServer((&api.Server{Store: s, Version: "test"}).Handler())
		defer hs.Close()
		recent := func(tok string) (int, int) {
			req, _ := http.NewRequest("GET", hs.URL+"/api/v1/communities/fr-market/leaders?recent=5", nil)
			req.Header.Set("Authorization", "Bearer "+tok)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var page struct{ Leaders []store.Leader }
			if err := json.NewDecoder(res.Body).Decode(&page); err != nil || res.StatusCode != 200 {
				t.Fatalf("leaders: %d %v", res.StatusCode, err)
			}
			n := 0
			for _, l := range page.Leaders {
				n += len(l.Recent)
			}
			return len(page.Leaders), n
		}
		for _, c := range []struct {
			name          string
			tok           string
			leaders, msgs int
		}{
			{"agent of legal", token("agent", "legal"), 3, 0},
			{"agent of nothing", token("agent"), 3, 0},
			{"agent of customer", token("agent", "customer"), 3, 4},
			{"analyst", token("analyst"), 3, 4},
		} {
			if leaders, msgs := recent(c.tok); leaders != c.leaders || msgs != c.msgs {
				t.Errorf("%s: %d leaders with %d recent messages, want %d with %d", c.name, leaders, msgs, c.leaders, c.msgs)
			}
		}
	})
}
