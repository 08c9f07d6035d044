package analyze

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTokenize checks that tokens are non-empty, never contain spaces,
// appear in the input in order without overlapping, and that the rest of
// the analysis accepts them.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"je ne suis pas content :( @SNCF #grève https://t.co/x 😡👍🏽",
		"I don't like it!!! soooo bad xD <3 www.example.com/a?b=c.",
		"l'appli c'est peut-être 12,50€ qu'il faut", "🇫🇷👨‍👩‍👧❤️", ":-) ;p ^^ -_-",
		"@ # @_ #_ http:// www.", "\xff\xfe bad utf8 \x00", "",
	} {
		f.Add(s)
	}
	m := fuzzModel(f)
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		checkTokens(t, s, toks)
		for _, lang := range []string{"fr", "en", ""} {
			terms := Normalize(toks, lang)
			if len(terms) != len(toks) {
				t.Fatalf("%d terms for %d tokens", len(terms), len(toks))
			}
		}
		_ = Identify(s, "")
		p := m.Predict(s, "fr")
		if p.Confidence < 0 || p.Confidence > 1 {
			t.Fatalf("confidence %v", p.Confidence)
		}
	})
}

func checkTokens(t *testing.T, s string, toks []Token) {
	at := 0
	for _, tok := range toks {
		if tok.Text == "" {
			t.Fatalf("empty token in %q", s)
		}
		if strings.ContainsAny(tok.Text, " \t\n") {
			t.Fatalf("token %q has a space", tok.Text)
		}
		i := strings.Index(s[at:], tok.Text)
		if i < 0 {
			t.Fatalf("token %q not found in order in %q", tok.Text, s)
		}
		at += i + len(tok.Text)
		if utf8.ValidString(s) && !utf8.ValidString(tok.Text) {
			t.Fatalf("token %q of valid input is not valid UTF-8", tok.Text)
		}
	}
}

// fuzzModel trains a tiny model so fuzzing also covers feature hashing.
func fuzzModel(f *testing.F) *Model {
	ex := []Example{
		{"je suis content", "positive", "fr"}, {"c'est nul", "negative", "fr"},
		{"super merci 😍", "positive", "fr"}, {"pas content du tout :(", "negative", "fr"},
	}
	opt := DefaultTrainOptions("fuzz", nil)
	opt.Features.Bits = 12
	m, err := Train(ex, opt)
	if err != nil {
		f.Fatal(err)
	}
	return m
}
