package ui_test

import (
	"strings"
	"testing"
)

// An agent sees the leaders, but not the recent messages of departments
// other than theirs (the seeded ones are in relation-client).
func TestLeadersPageShowsOnlyTheAgentsDepartments(t *testing.T) {
	h := newHarness(t)
	h.seedLeaders()
	h.user("legal@example.com", "agent", "juridique")
	h.user("care@example.com", "agent", "relation-client")
	for email, want := range map[string]bool{"legal@example.com": false, "care@example.com": true} {
		b := h.browser()
		b.signIn(email)
		code, body := b.get("/leaders?community=fr-market")
		if code != 200 || !strings.Contains(body, "bob") {
			t.Fatalf("%s: leaders page %d, lists bob: %v", email, code, strings.Contains(body, "bob"))
		}
		if got := strings.Contains(body, "Colis &lt;b&gt;perdu&lt;/b&gt;") || strings.Contains(body, "même chose"); got != want {
			t.Errorf("%s sees the relation-client messages: %v, want %v", email, got, want)
		}
	}
}
