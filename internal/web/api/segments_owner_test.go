package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// A private segment made by a token acting for no user is nobody's: another
// such token neither reads, changes nor deletes it (both had user id 0, so
// each passed for its owner); such a token may only make shared segments.
func TestPrivateSegmentsOfTokensWithoutUser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		token := func(role string) string {
			plain, hash, _ := access.NewToken()
			if _, err := s.CreateToken(ctx, store.Actor{Name: "test"}, role, role, 0, hash); err != nil {
				t.Fatal(err)
			}
			return plain
		}
		admin, analyst := token("admin"), token("analyst")
		hs := httptest.NewServer((&api.Server{Store: s, Version: "test"}).Handler())
		defer hs.Close()
		do := func(method, path, tok, body string, out any) int {
			req, _ := http.NewRequest(method, hs.URL+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+tok)
			if body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if out != nil {
				json.NewDecoder(res.Body).Decode(out)
			}
			return res.StatusCode
		}
		if code := do("POST", "/api/v1/segments", analyst, `{"name":"mine","shared":false}`, nil); code != 400 {
			t.Errorf("private segment by a token without user: %d, want 400", code)
		}
		var seg store.Segment
		if code := do("POST", "/api/v1/segments", admin, `{"name":"board","shared":false}`, &seg); code != 201 {
			t.Fatalf("admin's private segment: %d", code)
		}
		path := fmt.Sprintf("/api/v1/segments/%d", seg.ID)
		for _, c := range []struct{ method, path, body string }{
			{"GET", path, ""}, {"GET", path + "/members", ""}, {"PUT", path, `{"name":"taken","shared":true}`}, {"DELETE", path, ""},
		} {
			if code := do(c.method, c.path, analyst, c.body, nil); code != 404 {
				t.Errorf("analyst token %s %s: %d, want 404", c.method, c.path, code)
			}
		}
		if code := do("GET", path, admin, "", nil); code != 200 {
			t.Errorf("admin reads the segment: %d", code)
		}
		if code := do("POST", "/api/v1/segments", analyst, `{"name":"team","shared":true}`, nil); code != 201 {
			t.Errorf("shared segment by a token without user: %d, want 201", code)
		}
	})
}
