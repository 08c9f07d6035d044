package knowledge

import (
	"slices"
	"testing"
)

func termsOf(a *Analyzer, text, lang string) []string {
	var out []string
	for _, t := range a.Analyze(text, lang) {
		out = append(out, t.Term)
	}
	return out
}

func TestAnalyzeStemsEnglish(t *testing.T) {
	a := NewAnalyzer()
	got := termsOf(a, "Refunds refunded; the connection is connecting", "en")
	want := []string{"refund", "refund", "connect", "connect"}
	if !slices.Equal(got, want) {
		t.Fatalf("terms = %q, want %q", got, want)
	}
}

func TestAnalyzeStemsFrenchAndFoldsAccents(t *testing.T) {
	a := NewAnalyzer()
	for _, pair := range [][2]string{
		{"remboursements", "remboursé"},
		{"la facture", "factures"},
		{"réseau", "reseau"},
		{"l'abonnement", "abonnements"},
	} {
		x, y := termsOf(a, pair[0], "fr"), termsOf(a, pair[1], "fr")
		if len(x) != 1 || !slices.Equal(x, y) {
			t.Errorf("%q → %q and %q → %q: want one same term", pair[0], x, pair[1], y)
		}
	}
}

func TestAnalyzeDropsStopWords(t *testing.T) {
	a := NewAnalyzer()
	if got := termsOf(a, "the and of", "en"); len(got) != 0 {
		t.Errorf("English stop words gave %q", got)
	}
	if got := termsOf(a, "les et de qu'il", "fr"); len(got) != 0 {
		t.Errorf("French stop words gave %q", got)
	}
}

func TestAnalyzeUnknownLanguageStemsBoth(t *testing.T) {
	a := NewAnalyzer()
	got := termsOf(a, "factures", "")
	if !slices.Contains(got, termsOf(a, "factures", "en")[0]) || !slices.Contains(got, termsOf(a, "facture", "fr")[0]) {
		t.Errorf("unknown language terms %q lack the English or French stem", got)
	}
}

func TestAnalyzeLinksAndMentions(t *testing.T) {
	a := NewAnalyzer()
	got := termsOf(a, "@TeamYouTube see https://web.archive.org/web/2020/https://support.google.com/youtube/answer/185111?hl=en", "en")
	want := []string{"@teamyoutube", "see", "support", "googl", "youtub", "answer"}
	if !slices.Equal(got, want) {
		t.Fatalf("terms = %q, want %q", got, want)
	}
}

func TestPlainAnalyzer(t *testing.T) {
	got := termsOf(PlainAnalyzer(), "The Refunds, l'été!", "en")
	want := []string{"the", "refunds", "l", "été"}
	if !slices.Equal(got, want) {
		t.Fatalf("terms = %q, want %q", got, want)
	}
}
