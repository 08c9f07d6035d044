package store

import (
	"strconv"
	"strings"
	"unicode"
)

// Dialect names a supported database.
type Dialect string

// The supported databases.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// q rewrites a query written with ? placeholders for the store's dialect.
func (s *Store) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// searchClause gives the condition matching messages whose text matches the
// user's words, and its arguments. Words are ANDed; each is matched on its stem
// (FTS5 porter with diacritics removed; PostgreSQL's french, english and simple
// configurations, so a French or English message matches in its language).
func (s *Store) searchClause(q string) (string, []any, bool) {
	words := searchWords(q)
	if len(words) == 0 {
		return "", nil, false
	}
	if s.dialect == Postgres {
		text := strings.Join(words, " ")
		return "m.tsv @@ (plainto_tsquery('french', ?) || plainto_tsquery('english', ?) || plainto_tsquery('simple', ?))",
			[]any{text, text, text}, true
	}
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = `"` + w + `"`
	}
	return "m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)", []any{strings.Join(quoted, " AND ")}, true
}

// searchWords splits a query into words, dropping everything that is not a
// letter or digit, so no search syntax reaches the database.
func searchWords(q string) []string {
	f := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	})
	if len(f) > 16 {
		f = f[:16]
	}
	return f
}
