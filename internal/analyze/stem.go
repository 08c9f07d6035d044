package analyze

import (
	"strings"
	"sync/atomic"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
)

// stemCacheSize is the number of entries of each language's stem cache.
const stemCacheSize = 1 << 17

// stemmer stems lower-cased words of one language with a Snowball stemmer,
// remembering results in a lock-free direct-mapped cache because social
// text repeats the same words.
type stemmer struct {
	stem  func(string, bool) string
	cache []atomic.Pointer[stemEntry]
}

type stemEntry struct{ word, stem string }

var (
	stemmerEN = newStemmer(english.Stem)
	stemmerFR = newStemmer(french.Stem)
)

func newStemmer(f func(string, bool) string) *stemmer {
	return &stemmer{stem: f, cache: make([]atomic.Pointer[stemEntry], stemCacheSize)}
}

// stemmerFor returns the stemmer of lang, nil if it has none.
func stemmerFor(lang string) *stemmer {
	switch lang {
	case "en":
		return stemmerEN
	case "fr":
		return stemmerFR
	}
	return nil
}

// Stem returns the Snowball stem of a lower-case word in lang ("fr" or
// "en"), folded (accents removed, as Fold); words of other languages are
// returned unchanged.
func Stem(word, lang string) string {
	return stemmerFor(lang).get(word)
}

// get returns the folded stem of word, from the cache when it holds it.
func (s *stemmer) get(word string) string {
	if s == nil {
		return word
	}
	if len(word) < 4 {
		return Fold(word)
	}
	slot := &s.cache[hashString(fnvOffset, word)&(stemCacheSize-1)]
	if e := slot.Load(); e != nil && e.word == word {
		return e.stem
	}
	st := Fold(s.stem(word, true))
	slot.Store(&stemEntry{strings.Clone(word), st})
	return st
}
