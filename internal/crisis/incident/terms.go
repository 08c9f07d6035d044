package incident

import (
	"strings"

	"github.com/switchboard-crm/switchboard/internal/analyze"
)

// maxTermsPerMessage bounds the terms one message contributes.
const maxTermsPerMessage = 24

// Terms returns the distinct folded words (four letters or more, not
// stopwords) and hashtags of a text, the terms the detector counts. They are
// whole words, so routing rules can use them as keywords.
func Terms(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, tok := range analyze.Tokenize(text) {
		t, ok := termOf(tok)
		if !ok || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
		if len(out) == maxTermsPerMessage {
			break
		}
	}
	return out
}

func termOf(tok analyze.Token) (string, bool) {
	switch tok.Kind {
	case analyze.Hashtag:
		t := analyze.Fold(strings.TrimPrefix(tok.Text, "#"))
		return t, len([]rune(t)) >= 3
	case analyze.Word:
		t := analyze.Fold(tok.Text)
		return t, len([]rune(t)) >= 4 && !stopwords[t]
	}
	return "", false
}

// stopwords are frequent French and English words that say nothing of a crisis.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"avec", "dans", "pour", "plus", "mais", "sont", "cette", "tout", "tous", "toute", "toutes", "comme",
		"fait", "faire", "etre", "avoir", "elle", "elles", "nous", "vous", "leur", "leurs", "sans", "sous",
		"encore", "depuis", "aussi", "bien", "tres", "quand", "meme", "alors", "donc", "quoi", "rien", "chez",
		"votre", "notre", "vos", "nos", "ceux", "celle", "cela", "ca", "était", "etait", "sera", "peut",
		"this", "that", "with", "from", "have", "has", "been", "were", "they", "them", "their", "there",
		"what", "when", "your", "just", "about", "would", "could", "should", "will", "into", "than", "then",
		"some", "more", "only", "also", "very", "still", "over", "after", "before", "again", "because", "being",
		"dont", "can't", "didn't", "don't", "here", "thanks", "thank", "http", "https",
	} {
		m[w] = true
	}
	return m
}()
