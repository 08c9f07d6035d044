package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// An answer sent for a message becomes an example question: the next
// message like it finds that answer first.
func TestUseTeachesTheSuggestions(t *testing.T) {
	h := newAnswersHarness(t)
	for _, a := range []string{
		`{"id":"tracking","title":"Suivre un colis","body":"Votre numéro de suivi est dans l'e-mail de confirmation.","language":"fr","state":"approved","examples":["où est mon colis","suivi de livraison"]}`,
		`{"id":"gift","title":"Carte cadeau","body":"Les cartes cadeaux sont valables un an.","language":"fr","state":"approved"}`,
		`{"id":"draft","title":"Brouillon","body":"Pas encore.","state":"draft"}`,
	} {
		if code := h.do("POST", "/api/v1/answers", h.admin, "", a, nil); code != 201 {
			t.Fatalf("create %s: %d", a, code)
		}
	}
	first := h.messageID(1, "q1", "Ma carte cadeau offerte à Noël ne passe pas sur le site")
	if _, s := h.suggest(h.admin, first); len(s.Items) == 0 || s.Items[0].Answer.ID != "gift" {
		t.Fatalf("before: %+v", s.Items)
	}
	q2 := "Le bon d'achat offert par ma belle-mère refuse de passer au paiement"
	second := h.messageID(2, "q2", q2)
	if _, s := h.suggest(h.admin, second); len(s.Items) > 0 && s.Items[0].Answer.ID == "gift" {
		t.Fatalf("gift found before any use: the test would prove nothing")
	}
	var used struct {
		Answer answerView `json:"answer"`
		Text   string     `json:"text"`
	}
	code := h.do("POST", "/api/v1/answers/gift/used", h.admin, "", fmt.Sprintf(`{"message_id":%d}`, second), &used)
	if code != 200 || used.Answer.Uses != 1 || len(used.Answer.Examples) != 1 || used.Answer.Examples[0] != q2 || used.Text != "Les cartes cadeaux sont valables un an." {
		t.Fatalf("used: %d %+v", code, used)
	}
	third := h.messageID(3, "q3", "Mon bon d'achat ne passe pas au paiement")
	if _, s := h.suggest(h.admin, third); len(s.Items) == 0 || s.Items[0].Answer.ID != "gift" {
		t.Fatalf("after learning, a message like the one answered gets %+v", s.Items)
	}
	stored, err := h.app.Store.Answer(context.Background(), "gift")
	if err != nil || stored.Uses != 1 || len(stored.Examples) != 1 || stored.Version != 1 {
		t.Fatalf("persisted: %+v, %v; want the example and the use, same version", stored, err)
	}
	if n, _ := h.app.Store.AnswerUses(context.Background(), "gift"); n != 1 {
		t.Fatalf("%d uses recorded", n)
	}
	var e struct{ Error string }
	if code := h.do("POST", "/api/v1/answers/draft/used", h.admin, "", fmt.Sprintf(`{"message_id":%d}`, third), &e); code != 409 || !strings.Contains(e.Error, "draft") {
		t.Fatalf("use of a draft: %d %q, want 409", code, e.Error)
	}
	if code := h.do("POST", "/api/v1/answers/gift/used", h.admin, "", `{"message_id":999}`, nil); code != 404 {
		t.Fatalf("use for a missing message: %d", code)
	}
	if code := h.do("POST", "/api/v1/answers/gift/used", h.admin, "", `{}`, nil); code != 400 {
		t.Fatalf("use without a message: %d", code)
	}
}

// An approved answer past its expiry date is not suggested.
func TestExpiredAnswerIsNotSuggested(t *testing.T) {
	h := newAnswersHarness(t)
	h.do("POST", "/api/v1/answers", h.admin, "", `{"id":"promo","title":"Soldes d'hiver","body":"Les soldes finissent dimanche.","state":"approved","expires_at":"2020-01-31T00:00:00Z"}`, nil)
	h.do("POST", "/api/v1/answers", h.admin, "", `{"id":"promo2","title":"Soldes d'été","body":"Les soldes finissent lundi.","state":"approved","expires_at":"2999-01-31T00:00:00Z"}`, nil)
	msg := h.messageID(1, "s1", "Jusqu'à quand durent les soldes ?")
	_, s := h.suggest(h.admin, msg)
	if len(s.Items) != 1 || s.Items[0].Answer.ID != "promo2" {
		t.Fatalf("suggestions: %+v; want only the unexpired answer", s.Items)
	}
}
