package analyze

import (
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
)

// stemCacheMax bounds each language's stem cache; past it, stems are
// computed but no longer remembered.
const stemCacheMax = 1 << 18

// stemmer stems lower-cased words of one language with a Snowball stemmer,
// remembering results because social text repeats the same words.
type stemmer struct {
	stem  func(string, bool) string
	cache sync.Map
	size  int64
	mu    sync.Mutex
}

var stemmers = map[string]*stemmer{
	"en": {stem: english.Stem},
	"fr": {stem: french.Stem},
}

// Stem returns the Snowball stem of a lower-case word in lang ("fr" or
// "en"); words of other languages are returned unchanged.
func Stem(word, lang string) string {
	s := stemmers[lang]
	if s == nil || len(word) < 4 {
		return word
	}
	if v, ok := s.cache.Load(word); ok {
		return v.(string)
	}
	st := s.stem(word, true)
	s.remember(strings.Clone(word), st)
	return st
}

func (s *stemmer) remember(word, st string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.size >= stemCacheMax {
		return
	}
	s.size++
	s.cache.Store(word, st)
}
