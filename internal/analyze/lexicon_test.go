package analyze

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadLexiconFormats(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"vader-en/vader_lexicon.txt": "great\t3.1\t0.5\t[3]\n:(\t-2.0\t0.1\t[-2]\nbad line\n",
		"vader-fr/fr_lexicon.txt":    "nul->-2.4\ngénial->3.2\n",
		"feel-fr/FEEL.csv":           "id;word;polarity;joy\n1;escroc;negative;0\n2;à part;negative;0\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lex, err := LoadLexicons(dir, []string{"vader-en", "vader-fr", "feel-fr"})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		lang, text string
		kind       Kind
		want       float32
	}{
		{"en", "great", Word, 3.1 / 4}, {"en", ":(", Emoticon, -0.5},
		{"fr", "nul", Word, -0.6}, {"fr", "genial", Word, 0.8}, {"fr", "escroc", Word, -0.5},
	}
	for _, c := range checks {
		got, ok := lex.Score(c.lang, &Term{Text: c.text, Kind: c.kind})
		if !ok || got < c.want-0.01 || got > c.want+0.01 {
			t.Errorf("%s %q = %v %v, want %v", c.lang, c.text, got, ok, c.want)
		}
	}
	if lex.Len() != 5 {
		t.Errorf("%d terms, want 5 (multi-word and bad lines skipped)", lex.Len())
	}
	elong := Term{Text: "nuul", Kind: Word, Elongated: true}
	if s, ok := lex.Score("fr", &elong); !ok || s > -0.5 {
		t.Errorf("elongated nuul = %v %v, want nul's score", s, ok)
	}
	if _, err := LoadLexicons(dir, []string{"nope"}); err == nil {
		t.Error("unknown lexicon: want an error")
	}
	if _, err := LoadLexicons(dir, []string{"afinn-en"}); err == nil {
		t.Error("missing file: want an error")
	}
}

// TestNegationFlipsLexicon checks that "pas content" pushes toward negative
// where "content" pushes toward positive.
func TestNegationFlipsLexicon(t *testing.T) {
	lex := NewLexicon()
	lex.Add("fr", "content", 0.5)
	fz := featurizer{cfg: &FeatureConfig{Bits: 12, Lexicon: true}, lex: lex}
	sum := func(text string) (pos, neg float32) {
		for _, f := range fz.features(Normalize(Tokenize(text), "fr"), "fr") {
			switch f.h {
			case hashByte(namespace(nsLex), 'P'):
				pos = f.val
			case hashByte(namespace(nsLex), 'N'):
				neg = f.val
			}
		}
		return pos, neg
	}
	if p, n := sum("je suis content"); p <= 0 || n != 0 {
		t.Errorf("content: pos %v neg %v", p, n)
	}
	if p, n := sum("je ne suis pas content"); p != 0 || n <= 0 {
		t.Errorf("pas content: pos %v neg %v", p, n)
	}
}
