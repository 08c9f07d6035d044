package analyze

import "math"

// negationFlip is how much a negated lexicon word's polarity is reversed.
const negationFlip = -0.6

// addLexicon adds polarity features from the lexicon: the sums of positive
// and negative scores (negation flipping them), a bucket of the balance, and
// one indicator per polar word.
func (f *featurizer) addLexicon(terms []Term, lang string) {
	f.own(-1)
	var pos, neg float64
	hits := 0
	m := f.lex.terms[lang]
	for i := range terms {
		s, ok := scoreIn(m, &terms[i])
		if !ok || s == 0 {
			continue
		}
		v := float64(s)
		if terms[i].Neg {
			v *= negationFlip
		}
		hits++
		f.lexHit(v, int32(i))
		if v > 0 {
			pos += v
		} else {
			neg -= v
		}
	}
	f.lexSums(pos, neg, hits)
}

// lexHit adds an indicator of one polar word, by strength.
func (f *featurizer) lexHit(v float64, term int32) {
	bucket := byte(int(math.Round(v*4)) + 8)
	f.out = append(f.out, feat{hashByte(namespace(nsLex), bucket), 0.5})
	f.own(term)
}

// lexSums adds the squashed sums and a bucket of their balance.
func (f *featurizer) lexSums(pos, neg float64, hits int) {
	f.out = append(f.out,
		feat{hashByte(namespace(nsLex), 'P'), float32(math.Tanh(pos))},
		feat{hashByte(namespace(nsLex), 'N'), float32(math.Tanh(neg))})
	bal := int(math.Round(math.Max(-3, math.Min(3, (pos-neg)*2))))
	b := hashByte(hashByte(namespace(nsLex), 'B'), byte(bal+4))
	if hits == 0 {
		b = hashByte(namespace(nsLex), '0')
	}
	f.out = append(f.out, feat{b, 1})
	f.own(-1)
}
