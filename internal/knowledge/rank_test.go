package knowledge

import (
	"slices"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func library(t *testing.T) *Index {
	return newTestIndex(t,
		approved("refund-en", "en", "Refunds", "We refund cancelled orders within 14 days."),
		approved("password-en", "en", "Reset your password", "Follow the link to reset the password of your account."),
		approved("remb-fr", "fr", "Remboursement", "Nous remboursons les commandes annulées sous 14 jours."),
		approved("reseau-fr", "fr", "Panne du réseau", "Le réseau est rétabli, redémarrez votre box."),
	)
}

func TestSuggestEnglishStemming(t *testing.T) {
	ix := library(t)
	sugs := ix.Suggest(Query{Text: "when will I be refunded for my cancelled order?", Language: "en"})
	if top(sugs) != "refund-en" {
		t.Fatalf("top = %q, want refund-en (%v)", top(sugs), ids(sugs))
	}
	if !slices.Contains(sugs[0].Matched, "refunded") || !slices.Contains(sugs[0].Matched, "cancelled") {
		t.Errorf("matched = %q, want refunded and cancelled", sugs[0].Matched)
	}
	if sugs[0].Score <= 0 {
		t.Errorf("score = %v, want > 0", sugs[0].Score)
	}
}

func TestSuggestFrenchStemmingAndAccents(t *testing.T) {
	ix := library(t)
	for _, text := range []string{"quand serai-je remboursé de ma commande annulée ?", "rembourse commande annulee"} {
		sugs := ix.Suggest(Query{Text: text, Language: "fr"})
		if top(sugs) != "remb-fr" {
			t.Errorf("%q: top = %q, want remb-fr (%v)", text, top(sugs), ids(sugs))
		}
	}
	sugs := ix.Suggest(Query{Text: "reseau en panne depuis ce matin", Language: "fr"})
	if top(sugs) != "reseau-fr" {
		t.Errorf("top = %q, want reseau-fr", top(sugs))
	}
}

func TestSuggestLanguageFilter(t *testing.T) {
	ix := library(t)
	// "14" and "jours"/"days" differ, but "14" is in both languages' bodies.
	for _, s := range ix.Suggest(Query{Text: "14", Language: "fr"}) {
		if s.Answer.Language != "fr" {
			t.Errorf("French query got %s (%s)", s.Answer.ID, s.Answer.Language)
		}
	}
	if got := ids(ix.Suggest(Query{Text: "14"})); len(got) != 2 {
		t.Errorf("query without language got %v, want both 14-day answers", got)
	}
}

func TestSuggestCommunityAndClassFilters(t *testing.T) {
	gamers := approved("gamers", "en", "Server outage", "The game servers are down.")
	gamers.Communities = []string{"gamers"}
	gamers.Classes = []message.Class{message.ClassTechnical}
	anyone := approved("anyone", "en", "Outage", "Our servers are down, we are on it.")
	ix := newTestIndex(t, gamers, anyone)
	cases := []struct {
		q    Query
		want []string
	}{
		{Query{Text: "servers down"}, []string{"gamers", "anyone"}},
		{Query{Text: "servers down", Community: "gamers", Class: message.ClassTechnical}, []string{"gamers", "anyone"}},
		{Query{Text: "servers down", Community: "parents"}, []string{"anyone"}},
		{Query{Text: "servers down", Class: message.ClassComplaint}, []string{"anyone"}},
	}
	for _, c := range cases {
		got := ids(ix.Suggest(c.q))
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%+v: got %v, want %v", c.q, got, want)
		}
	}
}

func TestQueryFor(t *testing.T) {
	m := &message.Message{Text: "hello", Lang: "fr", Community: "gamers"}
	m.Analysis.Class = message.ClassTechnical
	q := QueryFor(m)
	if q.Text != "hello" || q.Language != "fr" || q.Community != "gamers" || q.Class != message.ClassTechnical {
		t.Errorf("QueryFor = %+v", q)
	}
	m.Analysis.Lang = "en"
	if QueryFor(m).Language != "en" {
		t.Error("the analysed language does not take precedence")
	}
}

func TestSuggestNoDuplicatesWithZeroWeights(t *testing.T) {
	p := DefaultParams()
	p.Weight[fieldExamples] = 0
	p.MentionWeight = 0
	ix := NewIndex(p)
	for _, a := range []Answer{
		approved("a", "en", "Refunds", "We refund orders.", "refund @shop late order parcel"),
		approved("b", "en", "Parcels", "Parcels ship daily.", "late parcel @shop"),
	} {
		if err := ix.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	got := ids(ix.Suggest(Query{Text: "@shop my parcel is late, refund my order", Limit: 10}))
	seen := map[string]bool{}
	for _, id := range got {
		if seen[id] {
			t.Fatalf("answer %s suggested twice: %v", id, got)
		}
		seen[id] = true
	}
	if len(got) != 2 {
		t.Errorf("got %v, want a and b once each", got)
	}
}

func TestSuggestReadsOnlyMaxQueryBytes(t *testing.T) {
	ix := library(t)
	long := strings.Repeat("é", MaxQueryBytes/2-1) + "x refunded"
	if got := ix.Suggest(Query{Text: long, Language: "en"}); len(got) != 0 {
		t.Errorf("a word past MaxQueryBytes matched: %v", ids(got))
	}
	if top(ix.Suggest(Query{Text: "refunded " + long, Language: "en"})) != "refund-en" {
		t.Error("a word at the start of a long query did not match")
	}
	if got := truncate("aé", 2); got != "a" {
		t.Errorf("truncate cut inside a rune: %q", got)
	}
}
