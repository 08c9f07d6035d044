package analytics

import (
	"strings"

	"github.com/switchboard-crm/switchboard/internal/analyze"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
)

// maxTermLen bounds a stored term, in bytes.
const maxTermLen = 64

// Terms returns the distinct terms of a text the rollups count: the folded
// words the crisis detector counts (four letters or more, not stopwords) and
// the hashtags, written with their #.
func Terms(text string) []string {
	out := []string{}
	seen := map[string]bool{}
	add := func(t string) {
		if t != "" && len(t) <= maxTermLen && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, tok := range analyze.Tokenize(text) {
		if tok.Kind == analyze.Hashtag {
			if t := analyze.Fold(strings.TrimPrefix(tok.Text, "#")); len([]rune(t)) >= 2 {
				add("#" + t)
			}
		}
	}
	for _, t := range incident.Terms(text) {
		if !seen["#"+t] { // a hashtag's word counts once, as the hashtag
			add(t)
		}
	}
	return out
}
