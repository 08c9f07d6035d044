package analyze

import (
	"sort"
	"unicode/utf8"
)

// isEmojiRune reports whether r starts a pictographic emoji.
func isEmojiRune(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF: // mahjong … symbols and pictographs extended-A
		return true
	case r >= 0x2600 && r <= 0x27BF: // misc symbols, dingbats
		return true
	case r >= 0x2300 && r <= 0x23FF: // misc technical (⌚ ⏰)
		return true
	case r >= 0x2B00 && r <= 0x2BFF: // arrows and stars (⭐)
		return true
	case r == 0x2764 || r == 0x203C || r == 0x2049 || r == 0x2122 || r == 0x2139:
		return true
	}
	return false
}

// isEmojiModifier reports whether r continues an emoji: variation
// selectors, skin tones, keycap, tags.
func isEmojiModifier(r rune) bool {
	return r == 0xFE0F || r == 0xFE0E || r == 0x20E3 ||
		r >= 0x1F3FB && r <= 0x1F3FF || r >= 0xE0020 && r <= 0xE007F
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// emojiLen is the length of one emoji at the start of s, including
// modifiers, ZWJ sequences and regional-indicator pairs (flags).
func emojiLen(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	if isRegional(r) {
		if r2, size := utf8.DecodeRuneInString(s[n:]); isRegional(r2) {
			return n + size
		}
		return n
	}
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case isEmojiModifier(r):
			n += size
		case r == 0x200D:
			r2, size2 := utf8.DecodeRuneInString(s[n+size:])
			if !isEmojiRune(r2) {
				return n
			}
			n += size + size2
		default:
			return n
		}
	}
	return n
}

// emoticons are the ASCII emoticons recognised as tokens, longest first.
var emoticons = sortByLen([]string{
	":)", ":-)", ":))", ":)))", ":]", "=)", ":D", ":-D", "xD", "XD", "xd", ":p", ":P", ":-p", ":-P",
	";)", ";-)", ";D", ";p", ";P", ":(", ":-(", ":((", ":(((", ":[", "=(", ":'(", ":’(", ":'-(", ":'(",
	":/", ":-/", ":\\", ":|", ":-|", ":o", ":O", ":-o", ":-O", ":s", ":S", ":x", ":X", ":*", ":-*",
	"<3", "</3", "^^", "^_^", "^.^", "-_-", "-.-", "o_O", "O_o", "o_o", "T_T", ";_;", ">:(", ">:-(",
	":@", "8)", "8-)", "B)", ":$", ":3", "xP", "XP", "=D", "=/", "D:",
})

// emoticonsByFirst indexes emoticons by their first byte.
var emoticonsByFirst = func() (idx [256][]string) {
	for _, e := range emoticons {
		idx[e[0]] = append(idx[e[0]], e)
	}
	return idx
}()

func sortByLen(list []string) []string {
	sort.SliceStable(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	return list
}

// emoticonLen is the length of the emoticon at the start of s, 0 if none.
// An emoticon must end the token: followed by space, punctuation, emoji or
// the end of the text.
func emoticonLen(s string) int {
	if s == "" {
		return 0
	}
	for _, e := range emoticonsByFirst[s[0]] {
		if len(s) >= len(e) && s[:len(e)] == e && emoticonEnds(s[len(e):]) {
			return len(e)
		}
	}
	return 0
}

func emoticonEnds(rest string) bool {
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return !isWordRune(r)
}
