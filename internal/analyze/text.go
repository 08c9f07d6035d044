package analyze

import (
	"strconv"
	"strings"
)

// Term is a normalized token, ready to become features.
type Term struct {
	// Text is the folded, squashed form ("<url>", "<user>", "#tag", "nul").
	Text string
	// Stem is the stem of Text for words of a stemmed language, else Text.
	Stem string
	Kind Kind
	// Neg is true inside a negation scope ("pas [content]").
	Neg bool
	// Elongated is true when letters were repeated ("nuuul").
	Elongated bool
	// Upper is true for a shouted word of three letters or more ("NUL").
	Upper bool
}

// Normalize turns tokens into terms: case and accent folding, squashing of
// elongations, placeholders for URLs, mentions and numbers, French and
// English stemming when lang is "fr" or "en", and negation scope marking.
func Normalize(tokens []Token, lang string) []Term {
	return AppendTerms(make([]Term, 0, len(tokens)), tokens, lang)
}

// AppendTerms is Normalize appending to dst, to reuse a buffer.
func AppendTerms(dst []Term, tokens []Token, lang string) []Term {
	scope, sawNe := 0, false
	st := stemmerFor(lang)
	for _, t := range tokens {
		term := normalizeToken(t, st)
		var flags uint8
		if t.Kind == Word {
			flags = flagsOf(term.Text)
		}
		if clauseEnd(t) || flags&flagScopeEnd != 0 {
			scope, sawNe = 0, false
		}
		if t.Kind == Word {
			if scope > 0 {
				term.Neg = true
				scope--
			}
			if isNegator(term.Text, flags, sawNe) {
				term.Neg = false
				scope = negScope
			}
			sawNe = sawNe || term.Text == "ne" || term.Text == "n'"
		}
		dst = append(dst, term)
	}
	return dst
}

// normalizeToken gives the term of one token.
func normalizeToken(t Token, st *stemmer) Term {
	switch t.Kind {
	case URL:
		return Term{Text: "<url>", Stem: "<url>", Kind: URL}
	case Mention:
		return Term{Text: "<user>", Stem: "<user>", Kind: Mention}
	case Number:
		s := "<num" + strconv.Itoa(min(digits(t.Text), 6)) + ">"
		return Term{Text: s, Stem: s, Kind: Number}
	case Emoji:
		s := stripEmojiModifiers(t.Text)
		return Term{Text: s, Stem: s, Kind: Emoji}
	case Punct:
		s := t.Text
		if len(s) > 2 {
			s = s[:2]
		}
		return Term{Text: s, Stem: s, Kind: Punct}
	case Emoticon:
		s := strings.ToLower(t.Text)
		return Term{Text: s, Stem: s, Kind: Emoticon}
	}
	return normalizeWord(t, st)
}

// normalizeWord folds, squashes and stems a word or hashtag.
func normalizeWord(t Token, st *stemmer) Term {
	lower := strings.ToLower(t.Text)
	sq, elong := Squash(lower)
	text := Fold(sq)
	stem := text
	if t.Kind == Word && st != nil {
		stem = st.get(sq)
	}
	return Term{Text: text, Stem: stem, Kind: t.Kind, Elongated: elong, Upper: isShout(t.Text)}
}

// digits counts the ASCII digits of s.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// isShout reports whether a word of three letters or more is all capitals.
func isShout(s string) bool {
	letters := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'à' && r <= 'ÿ' {
			return false
		}
		if r >= 'A' && r <= 'Z' || r >= 'À' && r <= 'Þ' {
			letters++
		}
	}
	return letters >= 3
}

// stripEmojiModifiers drops variation selectors and skin tones so that the
// same emoji in any skin tone is the same term.
func stripEmojiModifiers(s string) string {
	clean := true
	for _, r := range s {
		if isEmojiModifier(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !isEmojiModifier(r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}
