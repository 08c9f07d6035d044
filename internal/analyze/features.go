package analyze

import "math"

// FeatureConfig chooses the features of a model; it is saved with it.
type FeatureConfig struct {
	// Bits is the log2 of the number of hash buckets.
	Bits uint8 `json:"bits"`
	// WordNgrams is the longest word n-gram (1 or 2).
	WordNgrams int `json:"word_ngrams"`
	// CharMin and CharMax bound the character n-grams of each word; 0
	// disables them.
	CharMin int `json:"char_min"`
	CharMax int `json:"char_max"`
	// CharScale weighs the character block against the word block.
	CharScale float32 `json:"char_scale"`
	// Lexicon enables lexicon polarity features.
	Lexicon bool `json:"lexicon"`
	// Stem uses word stems rather than folded words as word features.
	Stem bool `json:"stem"`
	// IDF weighs word and character features by their inverse document
	// frequency in the training data before each block is normalized.
	IDF bool `json:"idf"`
}

// DefaultFeatures is the feature set of the shipped models.
var DefaultFeatures = FeatureConfig{Bits: 20, WordNgrams: 2, CharMin: 2, CharMax: 5, CharScale: 1, Lexicon: true, Stem: true}

// feat is one hashed feature and its value.
type feat struct {
	h   uint64
	val float32
}

// Feature namespaces.
const (
	nsWord   = 'w'
	nsBigram = 'b'
	nsChar   = 'c'
	nsLex    = 'l'
	nsMeta   = 'm'
	nsBias   = 'x'
)

// featurizer turns terms into hashed features; it is reused per goroutine.
type featurizer struct {
	cfg   *FeatureConfig
	lex   *Lexicon
	idf   []float32 // per bucket; nil: every feature weighs 1
	words []feat
	chars []feat
	out   []feat
	owner []int32 // for explanations: term index behind each feature, -1 if none
	pad   []byte  // a word padded with < and >
	trace bool
}

// features computes the features of terms in lang, in f.out.
func (f *featurizer) features(terms []Term, lang string) []feat {
	f.words, f.chars, f.out, f.owner = f.words[:0], f.chars[:0], f.out[:0], f.owner[:0]
	f.addWords(terms)
	if f.cfg.CharMax > 0 {
		f.addChars(terms)
	}
	f.emit(f.words, 1)
	f.emit(f.chars, float64(f.cfg.CharScale))
	if f.cfg.Lexicon && f.lex != nil {
		f.addLexicon(terms, lang)
	}
	f.out = append(f.out, feat{namespace(nsBias), 1})
	f.own(-1)
	return f.out
}

// emit appends a block of features, weighted by IDF when known, scaled to
// norm scale.
func (f *featurizer) emit(block []feat, scale float64) {
	if f.idf == nil {
		k := float32(scale / math.Sqrt(float64(max(len(block), 1))))
		for _, ft := range block {
			f.out = append(f.out, feat{ft.h, k})
		}
		return
	}
	mask := uint64(len(f.idf) - 1)
	sum := 0.0
	for i := range block {
		w := f.idf[mix(block[i].h)&mask]
		block[i].val = w
		sum += float64(w * w)
	}
	k := float32(scale / math.Sqrt(max(sum, 1e-12)))
	for _, ft := range block {
		f.out = append(f.out, feat{ft.h, ft.val * k})
	}
}

// addWords adds word unigrams (negated ones marked), bigrams and meta
// features of the message's form.
func (f *featurizer) addWords(terms []Term) {
	prev := ""
	for i := range terms {
		t := &terms[i]
		w := t.Text
		if f.cfg.Stem {
			w = t.Stem
		}
		h := hashString(namespace(nsWord), w)
		if t.Neg {
			h = hashByte(h, '!')
		}
		f.word(h, i)
		if f.cfg.WordNgrams >= 2 && prev != "" {
			f.word(hashString(hashByte(hashString(namespace(nsBigram), prev), ' '), w), i)
		}
		prev = w
		f.addMeta(t, i)
	}
}

func (f *featurizer) word(h uint64, term int) {
	f.words = append(f.words, feat{h, 1})
	if f.trace {
		f.owner = append(f.owner, int32(term))
	}
}

// addMeta adds features of a term's form: shouting, elongation.
func (f *featurizer) addMeta(t *Term, i int) {
	if t.Upper {
		f.word(hashByte(namespace(nsMeta), 'U'), i)
	}
	if t.Elongated {
		f.word(hashByte(namespace(nsMeta), 'E'), i)
	}
}

// addChars adds the character n-grams of each word, padded with < and >.
func (f *featurizer) addChars(terms []Term) {
	for i := range terms {
		t := &terms[i]
		if t.Kind != Word && t.Kind != Hashtag {
			continue
		}
		f.charGrams(t.Text, i)
	}
}

// charGrams adds the n-grams of "<"+s+">" for n in [CharMin, CharMax].
func (f *featurizer) charGrams(s string, term int) {
	f.pad = append(append(append(f.pad[:0], '<'), s...), '>')
	p := f.pad
	n := len(p)
	lo, hi := f.cfg.CharMin, f.cfg.CharMax
	ns := namespace(nsChar)
	for i := 0; i < n; i++ {
		h := ns
		end := min(n, i+hi)
		for j := i; j < end; j++ {
			h = hashByte(h, p[j])
			if j-i+1 >= lo && !(i == 0 && j == n-1 && n-2 <= 1) {
				f.chars = append(f.chars, feat{h, 1})
				if f.trace {
					f.owner = append(f.owner, int32(term))
				}
			}
		}
	}
}

// own records the owner of features appended since the last call; only
// the lexicon and bias features use it, as blocks record theirs.
func (f *featurizer) own(term int32) {
	if !f.trace {
		return
	}
	for len(f.owner) < len(f.out) {
		f.owner = append(f.owner, term)
	}
}
