package analyze

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Languages are the languages Identify recognizes; anything else is "other".
var Languages = []string{"fr", "en", "es", "de", "it", "pt"}

// decoys are languages profiled only so that their texts come out as
// "other" rather than as the nearest of Languages.
var decoys = []string{"nl", "pl"}

// profiled is Languages followed by decoys, in profile order.
var profiled = append(append([]string(nil), Languages...), decoys...)

// LangOther is the language code for text in none of Languages, or with
// too little text to tell.
const LangOther = "other"

const (
	langSmoothing = 0.5
	langMaxBytes  = 400
	wordWeight    = 2.0
	minLetters    = 3
)

// langProfile holds, for every trigram or word seen in the samples, its
// log-probability in each language.
type langProfile struct {
	grams   map[string][]float32
	unseen  []float32
	words   map[string][]float32
	unseenW []float32
}

var profile = buildProfile(langSamples)

// buildProfile counts trigrams and words of each language's sample.
func buildProfile(samples map[string]string) *langProfile {
	p := &langProfile{grams: map[string][]float32{}, words: map[string][]float32{}}
	gc, wc := counts(samples, trigramsOf), counts(samples, wordsOf)
	p.unseen = logProbs(gc, p.grams)
	p.unseenW = logProbs(wc, p.words)
	return p
}

// counts counts the units that split gives in each language's sample.
func counts(samples map[string]string, split func(string, func(string))) []map[string]int {
	out := make([]map[string]int, len(profiled))
	for i, l := range profiled {
		out[i] = map[string]int{}
		split(strings.ToLower(samples[l]), func(u string) { out[i][u]++ })
	}
	return out
}

// logProbs fills dst with smoothed log-probabilities and returns the
// log-probability of an unseen unit in each language.
func logProbs(c []map[string]int, dst map[string][]float32) []float32 {
	vocab := map[string]bool{}
	for _, m := range c {
		for u := range m {
			vocab[u] = true
		}
	}
	v := float64(len(vocab))
	unseen := make([]float32, len(c))
	for i, m := range c {
		total := 0
		for _, n := range m {
			total += n
		}
		denom := float64(total) + langSmoothing*v
		unseen[i] = float32(math.Log(langSmoothing / denom))
		for u := range vocab {
			if dst[u] == nil {
				dst[u] = make([]float32, len(c))
			}
			dst[u][i] = float32(math.Log((float64(m[u]) + langSmoothing) / denom))
		}
	}
	return unseen
}

// trigramsOf calls f with each letter trigram of s, words padded by spaces.
func trigramsOf(s string, f func(string)) {
	wordsOf(s, func(w string) {
		padded := " " + w + " "
		idx := runeStarts(padded)
		for i := 0; i+3 < len(idx); i++ {
			f(padded[idx[i]:idx[i+3]])
		}
	})
}

// runeStarts returns the byte offsets of each rune of s, plus len(s).
func runeStarts(s string) []int {
	idx := make([]int, 0, len(s)+1)
	for i := range s {
		idx = append(idx, i)
	}
	return append(idx, len(s))
}

// wordsOf calls f with each run of letters (and apostrophes) of s.
func wordsOf(s string, f func(string)) {
	start := -1
	for i, r := range s {
		letter := unicode.IsLetter(r) || (r == '\'' && start >= 0)
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			f(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(s[start:])
	}
}

// Identify returns the language of text: one of Languages, or LangOther
// when the text is in another language or script, or has too few letters.
// A non-empty hint (a platform's own language tag such as "fr" or "en-GB")
// wins when it names a known language or "other" when it names another.
func Identify(text, hint string) string {
	if l := normalizeLangHint(hint); l != "" {
		return l
	}
	return identify(text)
}

// noHint are tags platforms use when they do not know the language
// ("und" on X, "zxx" for no linguistic content…): the text decides.
var noHint = map[string]bool{"": true, "und": true, "zxx": true, "mul": true, "mis": true, "qam": true, "qct": true, "qht": true, "qme": true, "qst": true}

// normalizeLangHint maps a BCP-47-like tag to our language codes; "" when
// the tag says nothing of the language.
func normalizeLangHint(hint string) string {
	base := strings.ToLower(strings.TrimSpace(hint))
	if i := strings.IndexAny(base, "-_"); i > 0 {
		base = base[:i]
	}
	if noHint[base] {
		return ""
	}
	for _, l := range Languages {
		if base == l {
			return l
		}
	}
	return LangOther
}

// identify scores text against each language profile.
func identify(text string) string {
	return identifyTokens(Tokenize(truncate(text, langMaxBytes)))
}

// identifyTokens identifies the language of tokens, reading at most
// langMaxBytes of words.
func identifyTokens(tokens []Token) string {
	s := cleanForLang(tokens)
	latin, other := scriptCounts(s)
	if latin < minLetters || other > latin {
		return LangOther
	}
	scores := make([]float64, len(profiled))
	n, seen := 0, 0
	trigramsOf(s, func(g string) {
		n++
		lp := profile.grams[g]
		if lp != nil {
			seen++
		}
		addScores(scores, lp, profile.unseen, 1)
	})
	wordsOf(s, func(w string) {
		addScores(scores, profile.words[w], profile.unseenW, wordWeight)
	})
	if float64(seen) < minSeen*float64(n) {
		return LangOther
	}
	return bestLang(scores)
}

func addScores(scores []float64, lp, unseen []float32, weight float64) {
	if lp == nil {
		lp = unseen
	}
	for i := range scores {
		scores[i] += weight * float64(lp[i])
	}
}

// bestLang picks the language of highest score.
func bestLang(scores []float64) string {
	best := 0
	for i := range scores {
		if scores[i] > scores[best] {
			best = i
		}
	}
	if best >= len(Languages) {
		return LangOther
	}
	return Languages[best]
}

// minSeen is the share of a text's trigrams that must occur in the samples
// for the text to be in one of Languages.
const minSeen = 0.5

// cleanForLang joins the lower-cased words of tokens, leaving out URLs,
// mentions and hashtags, which say nothing of the language; it stops past
// langMaxBytes.
func cleanForLang(tokens []Token) string {
	var b strings.Builder
	for _, t := range tokens {
		if b.Len() >= langMaxBytes {
			break
		}
		if t.Kind == Word {
			b.WriteString(strings.ToLower(t.Text))
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// scriptCounts counts Latin letters and letters of other scripts.
func scriptCounts(s string) (latin, other int) {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return latin, other
}
