package analyze

import (
	"sort"
	"strings"
)

// Lexicon holds polarity scores in [-1, 1] of folded terms, per language.
// It is part of a model: the scores become features at training time and
// must be the same at prediction time.
type Lexicon struct {
	// Sources names the lexicons merged in, for the model's metadata.
	Sources []string
	terms   map[string]map[string]float32
}

// NewLexicon returns an empty lexicon.
func NewLexicon() *Lexicon { return &Lexicon{terms: map[string]map[string]float32{}} }

// Add records the score of a term in lang; the term is folded. The first
// score recorded for a term wins, so add the most trusted lexicon first.
func (l *Lexicon) Add(lang, term string, score float32) {
	m := l.terms[lang]
	if m == nil {
		m = map[string]float32{}
		l.terms[lang] = m
	}
	term = Fold(strings.TrimSpace(term))
	if _, ok := m[term]; !ok && term != "" {
		m[term] = fromHalf(toHalf(max(-1, min(1, score)))) // as saved
	}
}

// Len is the number of terms in all languages.
func (l *Lexicon) Len() int {
	n := 0
	for _, m := range l.terms {
		n += len(m)
	}
	return n
}

// Score returns the polarity of a term in lang.
func (l *Lexicon) Score(lang string, t *Term) (float32, bool) {
	if l == nil {
		return 0, false
	}
	return scoreIn(l.terms[lang], t)
}

// scoreIn looks a term up in one language's terms.
func scoreIn(m map[string]float32, t *Term) (float32, bool) {
	if m == nil || t.Kind != Word && t.Kind != Emoticon && t.Kind != Hashtag {
		return 0, false
	}
	if s, ok := m[t.Text]; ok {
		return s, true
	}
	if t.Elongated {
		s, ok := m[SquashHard(t.Text)]
		return s, ok
	}
	return 0, false
}

// langs returns the languages of the lexicon in order.
func (l *Lexicon) langs() []string {
	out := make([]string, 0, len(l.terms))
	for k := range l.terms {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
