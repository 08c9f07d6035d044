package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

func personLine(id, handle, text string) string {
	return fmt.Sprintf(`{"channel":"mastodon","external_id":%q,"text":%q,"created_at":"2026-11-23T09:00:00Z","community":"fr-market","author":{"handle":%q,"name":"Ana"}}`, id, text, handle)
}

func TestPeopleExportAndErase(t *testing.T) {
	h := newHarness(t)
	h.ingest(personLine("p1", "@ana@ex.social", "Quixotical refund please"), personLine("p2", "@ana@ex.social", "Still quixotical"),
		personLine("p3", "@bob@ex.social", "Me too"))
	h.waitStored(3)
	var author int64
	if err := h.app.Store.DB().QueryRowContext(context.Background(), `SELECT id FROM authors WHERE handle = '@ana@ex.social'`).Scan(&author); err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf(`{"author_ids":[%d]}`, author)
	if code := h.do("POST", "/api/v1/people", h.token("agent", 0), "application/json", body, nil); code != http.StatusForbidden {
		t.Fatalf("agent creates a person: %d, want 403", code)
	}
	if code := h.do("POST", "/api/v1/people", h.admin, "application/json", `{"author_ids":[]}`, nil); code != http.StatusBadRequest {
		t.Fatalf("no author ids: %d, want 400", code)
	}
	var p struct{ ID int64 }
	if code := h.do("POST", "/api/v1/people", h.admin, "application/json", body, &p); code != http.StatusCreated {
		t.Fatalf("create person: %d", code)
	}
	var ex struct {
		Messages []struct{ Text string } `json:"messages"`
	}
	path := fmt.Sprintf("/api/v1/people/%d", p.ID)
	if code := h.do("GET", path+"/export", h.admin, "", "", &ex); code != 200 || len(ex.Messages) != 2 {
		t.Fatalf("export: %d with %d messages, want 200 and 2", code, len(ex.Messages))
	}
	var er struct{ Messages int }
	if code := h.do("DELETE", path, h.admin, "", "", &er); code != 200 || er.Messages != 2 {
		t.Fatalf("erase: %d %+v", code, er)
	}
	if code := h.do("GET", path+"/export", h.admin, "", "", nil); code != http.StatusNotFound {
		t.Fatalf("export after erase: %d, want 404", code)
	}
	var pg page
	if code := h.do("GET", "/api/v1/messages?q=quixotical", h.admin, "", "", &pg); code != 200 || len(pg.Items) != 0 {
		t.Fatalf("search after erase: %d, %d hits", code, len(pg.Items))
	}
}

func TestRetentionAPIRefusesBadInput(t *testing.T) {
	h := newHarness(t)
	h.ingest(personLine("r1", "@ana@ex.social", "hello"))
	h.waitStored(1)
	for body, want := range map[string]int{`{"days":-1}`: 400, `{}`: 400, `{"days":"x"}`: 400, `{"days":30,"x":1}`: 400} {
		if code := h.do("PUT", "/api/v1/communities/fr-market/retention", h.admin, "application/json", body, nil); code != want {
			t.Errorf("PUT %s: %d, want %d", body, code, want)
		}
	}
	if code := h.do("PUT", "/api/v1/communities/nowhere/retention", h.admin, "application/json", `{"days":30}`, nil); code != 404 {
		t.Errorf("unknown community: %d, want 404", code)
	}
	var r struct{ Days int }
	if code := h.do("GET", "/api/v1/communities/fr-market/retention", h.admin, "", "", &r); code != 200 || r.Days != 0 {
		t.Fatalf("after refusals: %d %+v, want 0 days", code, r)
	}
	if code := h.do("PUT", "/api/v1/communities/fr-market/retention", h.admin, "application/json", `{"days":30}`, &r); code != 200 || r.Days != 30 {
		t.Fatalf("set 30: %d %+v", code, r)
	}
	if code := h.do("GET", "/api/v1/communities/fr-market/retention", h.token("analyst", 0), "", "", nil); code != http.StatusForbidden {
		t.Fatalf("an analyst reads retention: %d, want 403", code)
	}
}
