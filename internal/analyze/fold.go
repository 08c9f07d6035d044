package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldTable maps accented Latin letters (lower case) to their base letter.
var foldTable = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
	'ā': "a", 'ă': "a", 'ą': "a", 'ć': "c", 'č': "c", 'ď': "d", 'ē': "e", 'ė': "e",
	'ę': "e", 'ě': "e", 'ğ': "g", 'ī': "i", 'į': "i", 'ı': "i", 'ł': "l", 'ń': "n",
	'ň': "n", 'ō': "o", 'ő': "o", 'ř': "r", 'ś': "s", 'ş': "s", 'š': "s", 'ţ': "t",
	'ť': "t", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u", 'ź': "z", 'ż': "z", 'ž': "z",
	'’': "'", '‘': "'", 'ʼ': "'",
}

// Fold lower-cases s and removes accents from Latin letters
// ("Ça MARCHE pô" → "ca marche po"); apostrophes are unified to '.
func Fold(s string) string {
	if isPlainLower(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isPlainLower reports whether s is ASCII with no upper case letter.
func isPlainLower(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

// Squash shortens runs of three or more identical letters to two
// ("soooo" → "soo", "nuuuul" → "nuul") and reports whether it did.
func Squash(s string) (string, bool) {
	if !hasRun(s, 3) {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	run := 0
	for _, r := range s {
		if r == prev {
			run++
		} else {
			prev, run = r, 1
		}
		if run <= 2 || !unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String(), true
}

// SquashHard shortens every run of a repeated letter to one letter
// ("nuul" → "nul"), the fallback for lexicon look-ups of elongated words.
func SquashHard(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for _, r := range s {
		if r != prev || !unicode.IsLetter(r) {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// hasRun reports whether s has a run of n identical letters.
func hasRun(s string, n int) bool {
	var prev rune
	run := 0
	for _, r := range s {
		if r == prev && unicode.IsLetter(r) {
			run++
			if run >= n {
				return true
			}
		} else {
			prev, run = r, 1
		}
	}
	return false
}
