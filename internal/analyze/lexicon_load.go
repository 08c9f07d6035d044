package analyze

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lexiconSource describes how to read one lexicon of ../shared/data/lexicons.
type lexiconSource struct {
	lang, file string
	parse      func(line string) (term string, score float32, ok bool)
}

// LexiconSources are the lexicons LoadLexicons knows, by name. Whether a
// model trained with one may be shipped depends on its license: see
// docs/MODELS.md (vader-en and vader-fr are MIT; afinn and feel are not
// embedded in shipped models).
var LexiconSources = map[string]lexiconSource{
	"vader-en":   {"en", "vader-en/vader_lexicon.txt", parseTabbed(4)},
	"vader-fr":   {"fr", "vader-fr/fr_lexicon.txt", parseArrow(4)},
	"afinn-en":   {"en", "afinn/AFINN-en-165.txt", parseTabbed(5)},
	"afinn-fr":   {"fr", "afinn/AFINN-fr-165.txt", parseTabbed(5)},
	"afinn-emo":  {"*", "afinn/AFINN-emoticon-8.txt", parseTabbed(5)},
	"feel-fr":    {"fr", "feel-fr/FEEL.csv", parseFEEL},
	"vader-fr-2": {"fr", "vader-fr/fr_lexicon_vr0nsky_php_port.txt", parseTabbed(4)},
}

// LoadLexicons reads the named lexicons from dir (a copy of
// ../shared/data/lexicons) into one Lexicon, the first named winning on
// terms they share.
func LoadLexicons(dir string, names []string) (*Lexicon, error) {
	lex := NewLexicon()
	for _, name := range names {
		src, ok := LexiconSources[name]
		if !ok {
			return nil, fmt.Errorf("unknown lexicon %q", name)
		}
		if err := src.load(lex, filepath.Join(dir, src.file)); err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", name, err)
		}
		lex.Sources = append(lex.Sources, name)
	}
	return lex, nil
}

func (s lexiconSource) load(lex *Lexicon, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		term, score, ok := s.parse(sc.Text())
		if !ok || strings.Contains(term, " ") {
			continue
		}
		for _, lang := range s.langs() {
			lex.Add(lang, term, score)
		}
	}
	return sc.Err()
}

func (s lexiconSource) langs() []string {
	if s.lang == "*" {
		return []string{"en", "fr"}
	}
	return []string{s.lang}
}

// parseTabbed reads "term<TAB>score…", dividing the score by scale.
func parseTabbed(scale float64) func(string) (string, float32, bool) {
	return func(line string) (string, float32, bool) {
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			return "", 0, false
		}
		return parseScore(f[0], f[1], scale)
	}
}

// parseArrow reads "term->score", dividing the score by scale.
func parseArrow(scale float64) func(string) (string, float32, bool) {
	return func(line string) (string, float32, bool) {
		i := strings.LastIndex(line, "->")
		if i <= 0 {
			return "", 0, false
		}
		return parseScore(line[:i], line[i+2:], scale)
	}
}

func parseScore(term, score string, scale float64) (string, float32, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(score), 64)
	if err != nil {
		return "", 0, false
	}
	return strings.ToLower(strings.TrimSpace(term)), float32(v / scale), true
}

// parseFEEL reads "id;word;polarity;…" with polarity positive or negative.
func parseFEEL(line string) (string, float32, bool) {
	f := strings.Split(line, ";")
	if len(f) < 3 {
		return "", 0, false
	}
	switch f[2] {
	case "positive":
		return strings.ToLower(f[1]), 0.5, true
	case "negative":
		return strings.ToLower(f[1]), -0.5, true
	}
	return "", 0, false
}
