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

func TestMergeAndUnmergeAPI(t *testing.T) {
	h := newHarness(t)
	h.ingest(personLine("m1", "@ana@ex.social", "one"), personLine("m2", "@bob@ex.social", "two"))
	h.waitStored(2)
	ids := map[string]int64{}
	for _, handle := range []string{"@ana@ex.social", "@bob@ex.social"} {
		var author int64
		if err := h.app.Store.DB().QueryRowContext(context.Background(), `SELECT id FROM authors WHERE handle = ?`, handle).Scan(&author); err != nil {
			t.Fatal(err)
		}
		var p struct{ ID int64 }
		if code := h.do("POST", "/api/v1/people", h.admin, "application/json", fmt.Sprintf(`{"author_ids":[%d]}`, author), &p); code != 201 {
			t.Fatalf("create: %d", code)
		}
		ids[handle], ids["author "+handle] = p.ID, author
	}
	ana := fmt.Sprintf("/api/v1/people/%d", ids["@ana@ex.social"])
	for body, want := range map[string]int{`{}`: 400, fmt.Sprintf(`{"person_id":%d}`, ids["@ana@ex.social"]): 409, `{"person_id":999}`: 404} {
		if code := h.do("POST", ana+"/merge", h.admin, "application/json", body, nil); code != want {
			t.Errorf("merge %s: %d, want %d", body, code, want)
		}
	}
	var merged struct{ Identities []struct{ AuthorID int64 } }
	if code := h.do("POST", ana+"/merge", h.admin, "application/json", fmt.Sprintf(`{"person_id":%d}`, ids["@bob@ex.social"]), &merged); code != 200 || len(merged.Identities) != 2 {
		t.Fatalf("merge: %d %+v", code, merged)
	}
	body := fmt.Sprintf(`{"author_id":%d}`, ids["author @bob@ex.social"])
	if code := h.do("POST", ana+"/unmerge", h.admin, "application/json", body, &merged); code != 201 || len(merged.Identities) != 1 {
		t.Fatalf("unmerge: %d %+v", code, merged)
	}
	body = fmt.Sprintf(`{"author_id":%d}`, ids["author @ana@ex.social"])
	if code := h.do("POST", ana+"/unmerge", h.admin, "application/json", body, nil); code != 409 {
		t.Fatalf("unmerge of the last identity: %d, want 409", code)
	}
}
