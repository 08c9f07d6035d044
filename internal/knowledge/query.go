package knowledge

import (
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Query asks for the answers to suggest for one message.
type Query struct {
	// Text is the message (or the conversation) to answer; only its first
	// MaxQueryBytes are read.
	Text string
	// Language, Community and Class filter the answers; empty means any.
	// An answer with no language, communities or classes fits every query.
	Language  string
	Community string
	Class     message.Class
	// Now decides which answers have expired; zero means the index's clock.
	Now time.Time
	// Limit is the most suggestions returned; 0 means DefaultLimit.
	Limit int
}

// DefaultLimit is the number of suggestions when a query sets no limit.
const DefaultLimit = 5

// MaxQueryBytes bounds the text read from a query, so a huge message costs
// no more than a long email.
const MaxQueryBytes = 16 << 10

// Suggestion is one answer ranked for a query.
type Suggestion struct {
	Answer Answer  `json:"answer"`
	Score  float64 `json:"score"`
	// Matched are the words of the message that the answer matched, in the
	// order of the message.
	Matched []string `json:"matched"`
}

// fits reports whether a may answer q at now: approved, unexpired, and in
// the language, community and class asked for.
func fits(a *Answer, q *Query, now time.Time) bool {
	if !a.Suggestible(now) {
		return false
	}
	if q.Language != "" && a.Language != "" && baseLang(q.Language) != baseLang(a.Language) {
		return false
	}
	if q.Community != "" && len(a.Communities) > 0 && !contains(a.Communities, q.Community) {
		return false
	}
	return q.Class == "" || len(a.Classes) == 0 || contains(a.Classes, q.Class)
}

func contains[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// QueryFor returns the query for a message: its text, and its language,
// community and class as filters.
func QueryFor(m *message.Message) Query {
	lang := m.Analysis.Lang
	if lang == "" {
		lang = m.Lang
	}
	return Query{Text: m.Text, Language: lang, Community: m.Community, Class: m.Analysis.Class}
}
