package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestComposerSuggestsApprovedAnswers(t *testing.T) {
	h := newHarness(t)
	h.user("ana@example.com", "agent", "relation-client")
	answer := `{"id":"colis-perdu","title":"Colis perdu","body":"Bonjour {{author.name}}, nous lançons une enquête <transporteur> sur votre colis.","language":"fr","classes":["complaint"],"examples":["mon colis est perdu"],"state":"approved"}`
	req, _ := http.NewRequest("POST", h.url+"/api/v1/answers", strings.NewReader(answer))
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create answer: %v %v", err, resp.Status)
	}
	m := h.ingest("1", "Mon colis est perdu depuis dix jours, je veux un remboursement, service client nul")
	if m.Department != "relation-client" {
		t.Skipf("routed to %s", m.Department)
	}
	b := h.browser()
	b.signIn("ana@example.com")
	_, body := b.get("/m/" + itoa(m.ID))
	if !strings.Contains(body, `class="suggestion" data-id="colis-perdu" data-body="Bonjour Ana, nous lançons une enquête &lt;transporteur&gt; sur votre colis."`) ||
		!strings.Contains(body, ">Colis perdu</button>") {
		i := strings.Index(body, "composer")
		t.Fatalf("no suggestion in the composer: %.600s", body[i:])
	}
	// Sending it teaches the library: one use, the message as an example.
	b.post("/m/"+itoa(m.ID)+"/replies", url.Values{"body": {"Bonjour Ana, nous lançons une enquête."}, "answer_id": {"colis-perdu"}})
	rec, err := h.app.Store.Answer(context.Background(), "colis-perdu")
	if err != nil || rec.Uses != 1 || len(rec.Examples) != 2 || rec.Examples[1] != m.Text {
		t.Fatalf("after use: %+v %v", rec, err)
	}
	if n, _ := h.app.Store.AnswerUses(context.Background(), "colis-perdu"); n != 1 {
		t.Fatalf("uses recorded: %d", n)
	}
}
