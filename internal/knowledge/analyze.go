package knowledge

import (
	"net/url"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
)

// Token is one indexed term of a text and the word it came from.
type Token struct {
	Term string // normalised form: stemmed, accents folded
	Word string // the word as written, lower-cased
}

// Analyzer turns text into index terms. The zero value is not usable: use
// NewAnalyzer or PlainAnalyzer. An Analyzer is safe for concurrent use.
type Analyzer struct {
	plain bool
	stems sync.Map // "lang\x00word" → stem
	size  int64
	mu    sync.Mutex
}

// maxStemCache bounds the stem cache; past it, words are stemmed each time.
const maxStemCache = 200_000

// NewAnalyzer returns the analyzer of the suggestions: it splits words and
// links (a link gives the words of its host and path), drops French and
// English stop words, stems with the Snowball stemmer of the language ("fr",
// "en"; both for any other, so an unlabelled message still matches), and
// folds accents.
func NewAnalyzer() *Analyzer { return &Analyzer{} }

// PlainAnalyzer returns the baseline analyzer: lower-cased runs of letters
// and digits, nothing dropped, nothing stemmed.
func PlainAnalyzer() *Analyzer { return &Analyzer{plain: true} }

// Analyze returns the tokens of text written in lang, in order.
func (a *Analyzer) Analyze(text, lang string) []Token {
	if a.plain {
		return plainTokens(text)
	}
	var out []Token
	for _, field := range strings.Fields(text) {
		if isLink(field) {
			for _, w := range linkWords(field) {
				out = a.appendWord(out, w, lang)
			}
			continue
		}
		for _, w := range splitWords(field) {
			out = a.appendWord(out, w, lang)
		}
	}
	return out
}

// appendWord adds the terms of one lower-cased word: none for a stop word,
// one per distinct stem of the candidate languages otherwise.
func (a *Analyzer) appendWord(out []Token, w, lang string) []Token {
	if strings.HasPrefix(w, "@") {
		if len(w) > 2 {
			out = append(out, Token{Term: w, Word: w})
		}
		return out
	}
	if utf8.RuneCountInString(w) < 2 || isStopWord(w, lang) {
		return out
	}
	first := ""
	for i, l := range stemLanguages(lang) {
		t := foldAccents(a.stem(w, l))
		if i == 0 || t != first {
			out = append(out, Token{Term: t, Word: w})
		}
		first = t
	}
	return out
}

// stemLanguages lists the stemmers to apply to a text in lang.
func stemLanguages(lang string) []string {
	switch baseLang(lang) {
	case "en":
		return []string{"en"}
	case "fr":
		return []string{"fr"}
	}
	return []string{"en", "fr"}
}

// baseLang returns the primary subtag of a language tag: "fr-CA" → "fr".
func baseLang(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

func isStopWord(w, lang string) bool {
	switch baseLang(lang) {
	case "en":
		return english.IsStopWord(w) || englishExtraStop[w]
	case "fr":
		return french.IsStopWord(w) || frenchExtraStop[w]
	}
	// Unknown language: a word that is a stop word in both, or a short one
	// in either ("the", "les", "qu'") says nothing; longer ones may.
	en, fr := english.IsStopWord(w) || englishExtraStop[w], french.IsStopWord(w) || frenchExtraStop[w]
	return en && fr || (en || fr) && len(w) <= 3
}

// frenchExtraStop are common French function words missing from the
// Snowball list.
var frenchExtraStop = map[string]bool{"les": true, "qu": true, "ça": true, "cet": true, "cette": true}

// englishExtraStop are the pieces of English contractions ("didn't" splits
// into "didn" and "t"), with and without apostrophe, missing from the
// Snowball list.
var englishExtraStop = map[string]bool{
	"didn": true, "doesn": true, "isn": true, "wasn": true, "aren": true, "weren": true,
	"hasn": true, "haven": true, "hadn": true, "wouldn": true, "couldn": true, "shouldn": true,
	"ve": true, "ll": true, "re": true, "im": true, "ive": true, "dont": true, "cant": true,
	"didnt": true, "doesnt": true, "isnt": true, "wont": true,
}

// stem returns the Snowball stem of w in lang, from the cache when it can.
func (a *Analyzer) stem(w, lang string) string {
	key := lang + "\x00" + w
	if s, ok := a.stems.Load(key); ok {
		return s.(string)
	}
	var s string
	if lang == "fr" {
		s = french.Stem(w, true)
	} else {
		s = english.Stem(w, true)
	}
	a.mu.Lock()
	if a.size < maxStemCache {
		a.size++
		a.stems.Store(key, s)
	}
	a.mu.Unlock()
	return s
}

// isLink reports whether a whitespace-separated field is a web link.
func isLink(f string) bool {
	l := strings.ToLower(f)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")
}

// linkWords returns the words of a link's host and path, without scheme,
// "www", top-level domains, file extensions, numbers or query string. An
// archived link (web.archive.org/web/<time>/<link>) gives the words of the
// link it archives.
func linkWords(link string) []string {
	l := strings.ToLower(strings.TrimRight(link, ".,;:!?)]}'\""))
	if !strings.Contains(l, "://") {
		l = "http://" + l
	}
	u, err := url.Parse(l)
	if err != nil {
		return splitWords(l)
	}
	if inner, ok := archivedLink(u); ok {
		return linkWords(inner)
	}
	var out []string
	for _, w := range splitWords(u.Hostname() + " " + u.Path) {
		if !linkNoise[w] && !allDigits(w) {
			out = append(out, w)
		}
	}
	return out
}

// archivedLink returns the link archived by a web.archive.org link.
func archivedLink(u *url.URL) (string, bool) {
	if !strings.HasSuffix(u.Hostname(), "archive.org") || !strings.HasPrefix(u.Path, "/web/") {
		return "", false
	}
	rest := strings.TrimPrefix(u.Path, "/web/")
	i := strings.IndexByte(rest, '/')
	if i < 0 || !strings.Contains(rest[i+1:], ".") {
		return "", false
	}
	inner := rest[i+1:]
	if u.RawQuery != "" {
		inner += "?" + u.RawQuery
	}
	return inner, true
}

// linkNoise are parts of links that say nothing about their subject.
var linkNoise = map[string]bool{
	"http": true, "https": true, "www": true, "com": true, "org": true, "net": true,
	"fr": true, "en": true, "co": true, "uk": true, "io": true, "html": true, "htm": true,
	"php": true, "aspx": true, "asp": true, "jsp": true, "index": true,
}

// splitWords lower-cases s and splits it into words: runs of letters and
// digits, keeping a leading '@' of a mention; apostrophes split ("l'appli"
// gives "l", "appli").
func splitWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		wordRune := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '@' && start < 0
		if wordRune && start < 0 {
			start = i
		}
		if !wordRune && start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// plainTokens splits text into lower-cased runs of letters and digits.
func plainTokens(text string) []Token {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := make([]Token, len(words))
	for i, w := range words {
		out[i] = Token{Term: w, Word: w}
	}
	return out
}

func allDigits(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}
