package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind uint8

// Token kinds.
const (
	Word Kind = iota
	Number
	URL
	Mention
	Hashtag
	Emoji
	Emoticon
	Punct
)

var kindNames = [...]string{"word", "number", "url", "mention", "hashtag", "emoji", "emoticon", "punct"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Token is one unit of text as written.
type Token struct {
	Text string
	Kind Kind
}

// Tokenize splits social text into tokens: URLs, @mentions, #hashtags,
// emoji (including ZWJ sequences, flags and skin tones), emoticons, words
// (with inner hyphens and apostrophes; French elisions such as "l'" split
// off), numbers and runs of punctuation. Whitespace is dropped.
func Tokenize(s string) []Token {
	return AppendTokens(make([]Token, 0, len(s)/4+1), s)
}

// AppendTokens is Tokenize appending to dst, to reuse a buffer.
func AppendTokens(dst []Token, s string) []Token {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == utf8.RuneError && size == 1 || unicode.IsControl(r) {
			i += size
			continue
		}
		tok, n := next(s, i, r, size)
		if n <= 0 {
			n = size
		}
		if tok.Kind == Word {
			dst = appendWord(dst, tok.Text)
		} else {
			dst = append(dst, tok)
		}
		i += n
	}
	return dst
}

// next reads the token starting at s[i], whose first rune is r.
func next(s string, i int, r rune, size int) (Token, int) {
	rest := s[i:]
	switch {
	case isURLStart(rest):
		n := urlLen(rest)
		return Token{rest[:n], URL}, n
	case r == '@' || r == '＠':
		if n := nameLen(rest[size:]); n > 0 {
			return Token{rest[:size+n], Mention}, size + n
		}
	case r == '#' || r == '＃':
		if n := nameLen(rest[size:]); n > 0 {
			return Token{rest[:size+n], Hashtag}, size + n
		}
	}
	if len(emoticonsByFirst[rest[0]]) > 0 && (i == 0 || boundaryBefore(s, i)) {
		if n := emoticonLen(rest); n > 0 {
			return Token{rest[:n], Emoticon}, n
		}
	}
	if isEmojiRune(r) {
		n := emojiLen(rest)
		return Token{rest[:n], Emoji}, n
	}
	if isWordRune(r) {
		n, num := wordLen(rest)
		if num {
			return Token{rest[:n], Number}, n
		}
		return Token{rest[:n], Word}, n
	}
	n := punctLen(rest, r)
	return Token{rest[:n], Punct}, n
}

// boundaryBefore reports whether the rune before s[i] is a space or
// punctuation other than one that could be part of the emoticon.
func boundaryBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsSpace(r) || r == '"' || r == '(' || r == ',' || r == '.' || isEmojiRune(r)
}

func isURLStart(s string) bool {
	if s == "" || (s[0]|0x20 != 'h' && s[0]|0x20 != 'w') {
		return false
	}
	return hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://") || hasPrefixFold(s, "www.")
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// urlLen is the length of the URL at the start of s, without trailing
// sentence punctuation.
func urlLen(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if unicode.IsSpace(r) || r == '"' || r == '<' || r == '>' || isEmojiRune(r) {
			break
		}
		n += size
	}
	for n > 0 && strings.ContainsRune(".,;:!?)]}'’", rune(s[n-1])) {
		n--
	}
	return n
}

// nameLen is the length of a mention or hashtag name at the start of s.
func nameLen(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '_' || (r == '.' && n > 0 && n+1 < len(s) && isNameByte(s[n+1]))) {
			break
		}
		n += size
	}
	return n
}

func isNameByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord tells which ASCII characters are letters or digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// wordLen is the length of the word or number at the start of s; inner
// apostrophes, hyphens and (in numbers) separators are kept.
func wordLen(s string) (n int, number bool) {
	number = true
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if isWordRune(r) {
			if number && !(r >= '0' && r <= '9') && !unicode.IsDigit(r) {
				number = false
			}
			n += size
			continue
		}
		if isJoiner(r, number) && n+size < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[n+size:])
			if isWordRune(r2) && (!number || unicode.IsDigit(r2)) {
				n += size
				continue
			}
		}
		break
	}
	return n, number
}

func isJoiner(r rune, number bool) bool {
	if number {
		return r == '.' || r == ',' || r == ':' || r == '/'
	}
	return r == '\'' || r == '’' || r == '-'
}

// punctLen is the length of the run of the punctuation rune r.
func punctLen(s string, r rune) int {
	n := 0
	for n < len(s) {
		r2, size := utf8.DecodeRuneInString(s[n:])
		if r2 != r {
			break
		}
		n += size
	}
	return n
}

// elisions are the French words that elide before a vowel ("l'avion").
var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

// appendWord appends a word, splitting French elisions off their word.
func appendWord(dst []Token, w string) []Token {
	for {
		i := apostrophe(w)
		if i <= 0 || !elisions[strings.ToLower(w[:i])] {
			return append(dst, Token{w, Word})
		}
		_, size := utf8.DecodeRuneInString(w[i:])
		dst = append(dst, Token{w[:i+size], Word})
		w = w[i+size:]
		if w == "" {
			return dst
		}
	}
}

// apostrophe is the index of the first ' or ’ in w, -1 if none.
func apostrophe(w string) int {
	for i := 0; i < len(w); i++ {
		switch {
		case w[i] == '\'':
			return i
		case w[i] == 0xE2 && strings.HasPrefix(w[i:], "’"):
			return i
		}
	}
	return -1
}
