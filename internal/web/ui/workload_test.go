package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAgentSettingsAndWorkload(t *testing.T) {
	h := newHarness(t)
	ana := h.user("ana@example.com", "agent", "relation-client")
	h.user("root@example.com", "admin")
	root, agent := h.browser(), h.browser()
	root.signIn("root@example.com")
	agent.signIn("ana@example.com")
	path := "/admin/users/" + itoa(ana.ID)
	root.get(path)
	form := url.Values{"name": {"Ana"}, "role": {"agent"}, "departments": {"relation-client"}, "capacity": {"-3"}, "languages": {"fr"}}
	if resp, _ := root.post(path, form); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("capacity -3: %d", resp.StatusCode)
	}
	form.Set("capacity", "3")
	form.Set("languages", "fr, EN")
	if resp, _ := root.post(path, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save settings: %d", resp.StatusCode)
	}
	st, _ := h.app.Store.AgentSettingsOf(context.Background(), ana.ID)
	if st.Capacity != 3 || strings.Join(st.Languages, ",") != "fr,en" || st.Available {
		t.Fatalf("settings %+v", st)
	}
	agent.get("/")
	if resp, _ := agent.post("/me/available", url.Values{"available": {"on"}, "next": {"/mine"}}); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/mine" {
		t.Fatalf("available: %d", resp.StatusCode)
	}
	if st, _ := h.app.Store.AgentSettingsOf(context.Background(), ana.ID); !st.Available || st.Capacity != 3 {
		t.Fatalf("after toggling: %+v", st)
	}
	if code, _ := agent.get("/workload"); code != http.StatusForbidden {
		t.Fatalf("agent on the workload page: %d", code)
	}
	if code, body := root.get("/workload"); code != 200 || !strings.Contains(body, "<td>Ana</td><td>0</td><td>3</td><td>fr, en</td>") {
		t.Fatalf("workload: %d", code)
	}
}
