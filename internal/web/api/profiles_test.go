package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

func TestProfileFieldsTagsNotesAndSegmentsAPI(t *testing.T) {
	h := newHarness(t)
	h.ingest(personLine("f1", "@ana@ex.social", "refund please"), personLine("f2", "@bob@ex.social", "hello"))
	h.waitStored(2)
	var author int64
	if err := h.app.Store.DB().QueryRowContext(context.Background(), `SELECT id FROM authors WHERE handle = '@ana@ex.social'`).Scan(&author); err != nil {
		t.Fatal(err)
	}
	agent := h.token("agent", h.user("agent@example.com", "agent", "relation-client"))
	var pp struct {
		PersonID int64 `json:"person_id"`
	}
	if code := h.do("POST", fmt.Sprintf("/api/v1/authors/%d/person", author), agent, "", "", &pp); code != 200 || pp.PersonID == 0 {
		t.Fatalf("person of author: %d %+v", code, pp)
	}
	base := fmt.Sprintf("/api/v1/people/%d", pp.PersonID)
	field := `{"key":"plan","label":"Plan","type":"list","options":["gold","silver"]}`
	if code := h.do("POST", "/api/v1/custom-fields", agent, "application/json", field, nil); code != http.StatusForbidden {
		t.Fatalf("agent defines a field: %d, want 403", code)
	}
	if code := h.do("POST", "/api/v1/custom-fields", h.admin, "application/json", `{"key":"plan","label":"Plan","type":"colour"}`, nil); code != 400 {
		t.Fatalf("bad field type: %d, want 400", code)
	}
	for _, f := range []string{field, `{"key":"spend","label":"Spend","type":"number"}`} {
		if code := h.do("POST", "/api/v1/custom-fields", h.admin, "application/json", f, nil); code != 201 {
			t.Fatalf("define %s: %d", f, code)
		}
	}
	if code := h.do("PATCH", base+"/fields", agent, "application/json", `{"plan":"gold","spend":12.5}`, nil); code != 200 {
		t.Fatalf("set fields: %d", code)
	}
	for _, bad := range []string{`{"plan":"bronze"}`, `{"spend":"lots","plan":"silver"}`, `{"spend":[1]}`, `{"nope":"x"}`} {
		if code := h.do("PATCH", base+"/fields", agent, "application/json", bad, nil); code != 400 {
			t.Errorf("set %s: %d, want 400", bad, code)
		}
	}
	if code := h.do("POST", base+"/tags", agent, "application/json", `{"tag":"VIP"}`, nil); code != 201 {
		t.Fatalf("tag: %d", code)
	}
	if code := h.do("POST", base+"/notes", agent, "application/json", `{"body":"Called twice"}`, nil); code != 201 {
		t.Fatalf("note: %d", code)
	}
	var pr struct {
		Tags []struct {
			Name, By string
		}
		Notes  []struct{ Author, Body string }
		Fields []struct{ Key, Value string }
	}
	if code := h.do("GET", base+"/profile", agent, "", "", &pr); code != 200 {
		t.Fatalf("profile: %d", code)
	}
	if len(pr.Tags) != 1 || pr.Tags[0].Name != "vip" || pr.Tags[0].By != "agent@example.com" || len(pr.Notes) != 1 || pr.Notes[0].Author != "agent@example.com" {
		t.Fatalf("profile tags %+v notes %+v", pr.Tags, pr.Notes)
	}
	if len(pr.Fields) != 2 || pr.Fields[0].Key != "plan" || pr.Fields[0].Value != "gold" || pr.Fields[1].Value != "12.5" {
		t.Fatalf("fields after refusals: %+v", pr.Fields)
	}
	var members struct {
		Items []struct{ Handle string }
		Total int
	}
	if code := h.do("GET", "/api/v1/people?tag=vip&field=plan:eq:gold", agent, "", "", &members); code != 200 || members.Total != 1 || members.Items[0].Handle != "@ana@ex.social" {
		t.Fatalf("search: %d %+v", code, members)
	}
	if code := h.do("GET", "/api/v1/people?sentiment=angry", agent, "", "", nil); code != 400 {
		t.Fatalf("bad search: %d, want 400", code)
	}
	var seg struct{ ID int64 }
	if code := h.do("POST", "/api/v1/segments", agent, "application/json", `{"name":"VIPs","filter":{"tag":"vip"}}`, &seg); code != 201 {
		t.Fatalf("save segment: %d", code)
	}
	other := h.token("agent", h.user("other@example.com", "agent", "relation-client"))
	path := fmt.Sprintf("/api/v1/segments/%d", seg.ID)
	if code := h.do("GET", path+"/members", other, "", "", nil); code != 404 {
		t.Fatalf("another agent reads a private segment: %d, want 404", code)
	}
	if code := h.do("GET", path+"/members", agent, "", "", &members); code != 200 || members.Total != 1 {
		t.Fatalf("segment members: %d %+v", code, members)
	}
}

func TestCommunitiesAPI(t *testing.T) {
	h := newHarness(t)
	lead := h.token("lead", h.user("lead@example.com", "lead", "relation-client"))
	body := `{"slug":"quebec","name":"Québec","kind":"market"}`
	if code := h.do("POST", "/api/v1/communities", lead, "application/json", body, nil); code != http.StatusForbidden {
		t.Fatalf("a lead creates a community: %d, want 403", code)
	}
	for bad, want := range map[string]int{`{"slug":"Que bec","name":"Q","kind":"market"}`: 400, `{"slug":"q","name":"Q","kind":"planet"}`: 400, `{"slug":"q"}`: 400} {
		if code := h.do("POST", "/api/v1/communities", h.admin, "application/json", bad, nil); code != want {
			t.Errorf("create %s: %d, want %d", bad, code, want)
		}
	}
	if code := h.do("POST", "/api/v1/communities", h.admin, "application/json", body, nil); code != 201 {
		t.Fatalf("create: %d", code)
	}
	if code := h.do("POST", "/api/v1/communities", h.admin, "application/json", body, nil); code != 409 {
		t.Fatalf("create twice: %d, want 409", code)
	}
	uid := h.user("agent@example.com", "agent", "relation-client")
	if code := h.do("PUT", fmt.Sprintf("/api/v1/communities/quebec/members/%d", uid), h.admin, "", "", nil); code != 204 {
		t.Fatalf("add member: %d", code)
	}
	rules := `{"items":[{"position":1,"langs":["fr"],"places":["Montréal"]}]}`
	if code := h.do("PUT", "/api/v1/communities/quebec/assignment-rules", h.admin, "application/json", `{"items":[{}]}`, nil); code != 400 {
		t.Fatalf("empty rule: %d, want 400", code)
	}
	if code := h.do("PUT", "/api/v1/communities/quebec/assignment-rules", h.admin, "application/json", rules, nil); code != 200 {
		t.Fatalf("rules: %d", code)
	}
	h.ingest(`{"channel":"mastodon","external_id":"q1","text":"Grosse panne à Montréal ce matin, rien ne marche","lang":"fr","created_at":"2026-11-23T09:00:00Z","author":{"handle":"@luc@ex.social"}}`)
	h.waitStored(1)
	var ws struct {
		Community struct{ Members []int64 }
		Members   []struct{ Email string }
	}
	if code := h.do("GET", "/api/v1/communities/quebec", lead, "", "", &ws); code != 200 || len(ws.Members) != 1 || ws.Members[0].Email != "agent@example.com" {
		t.Fatalf("workspace: %d %+v", code, ws)
	}
	var pg page
	if code := h.do("GET", "/api/v1/messages?community=quebec", h.admin, "", "", &pg); code != 200 || len(pg.Items) != 1 {
		t.Fatalf("the message was not assigned to quebec by its rule: %d, %d messages", code, len(pg.Items))
	}
	if code := h.do("DELETE", "/api/v1/communities/quebec", h.admin, "", "", nil); code != 409 {
		t.Fatalf("delete a community with messages: %d, want 409", code)
	}
}
