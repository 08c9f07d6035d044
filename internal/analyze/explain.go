package analyze

import (
	"sort"
	"strings"
)

// Explain returns up to n words of text that most support label, strongest
// first, as people can read them ("remboursé", "not → happy"). Words are
// credited with their unigram, bigram, character n-gram and lexicon
// features, measured against the mean of all labels.
func (m *Model) Explain(text, lang, label string, n int) []string {
	c := m.labelIndex(label)
	if c < 0 || n <= 0 {
		return nil
	}
	tokens := Tokenize(text)
	return m.explainTerms(tokens, Normalize(tokens, lang), lang, c, n)
}

// explainTerms is Explain on tokens and their terms, for class index c.
func (m *Model) explainTerms(tokens []Token, terms []Term, lang string, c, n int) []string {
	s := m.scratch()
	s.fz.trace = true
	defer func() { s.fz.trace = false; m.pool.Put(s) }()
	feats := s.fz.features(terms, lang)
	credit := m.credit(feats, s.fz.owner, c, len(terms))
	return topTerms(credit, tokens, terms, n)
}

func (m *Model) labelIndex(label string) int {
	for i, l := range m.Info.Labels {
		if l == label {
			return i
		}
	}
	return -1
}

// credit sums, per term, the evidence its features give to class c.
func (m *Model) credit(feats []feat, owner []int32, c, terms int) []float64 {
	k := len(m.Info.Labels)
	out := make([]float64, terms)
	mask := uint64(len(m.rows) - 1)
	for i, f := range feats {
		r := m.rows[mix(f.h)&mask]
		if r < 0 || owner[i] < 0 {
			continue
		}
		row := m.w[int(r)*k : int(r)*k+k]
		mean := 0.0
		for _, w := range row {
			mean += float64(w)
		}
		out[owner[i]] += float64(f.val) * (float64(row[c]) - mean/float64(k))
	}
	return out
}

// topTerms names the n terms of highest positive credit.
func topTerms(credit []float64, tokens []Token, terms []Term, n int) []string {
	idx := make([]int, 0, len(credit))
	for i, v := range credit {
		if v > 0 && terms[i].Kind != Punct && !signalStopwords[terms[i].Text] {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return credit[idx[a]] > credit[idx[b]] })
	var out []string
	seen := map[string]bool{}
	for _, i := range idx {
		name := signalName(tokens[i], terms[i])
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
		if len(out) == n {
			break
		}
	}
	return out
}

// signalName is how a term is shown: its words as written, marked when
// negated.
func signalName(t Token, term Term) string {
	name := strings.ToLower(t.Text)
	if term.Kind == URL {
		name = "<url>"
	}
	if term.Neg {
		return "not → " + name
	}
	return name
}

// signalStopwords are function words too vague to show as signals.
var signalStopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or of to in on at for with by from is are was were be been
		it its this that these those i me my we our you your he she they them their his her
		do does did have has had will would can could should not no so as if but just
		le la les l' un une des de du d' et ou a au aux en dans sur pour par avec est sont
		je j' me m' tu te t' il elle on nous vous ils elles se s' ce c' ca cette ces mon ma mes
		ton ta tes son sa ses notre nos votre vos leur leurs qui que qu' ne n' pas y`) {
		m[w] = true
	}
	return m
}()
