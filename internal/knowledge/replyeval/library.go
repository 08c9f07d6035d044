package replyeval

import (
	"slices"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
)

// Library groups rows by document, each document's rows in file order.
type Library struct {
	docs        map[string][]int // doc_id → row indexes
	rows        []Row
	lang        string
	communities bool
}

// NewLibrary indexes rows by document; lang is the language of the text.
// With communities, each answer's communities are the brands of its rows.
func NewLibrary(rows []Row, lang string, communities bool) *Library {
	l := &Library{docs: map[string][]int{}, rows: rows, lang: lang, communities: communities}
	for i, r := range rows {
		l.docs[r.DocID] = append(l.docs[r.DocID], i)
	}
	return l
}

// Docs returns the number of documents.
func (l *Library) Docs() int { return len(l.docs) }

// Answers returns one answer per document.
func (l *Library) Answers() []knowledge.Answer {
	ids := make([]string, 0, len(l.docs))
	for id := range l.docs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	out := make([]knowledge.Answer, 0, len(ids))
	for _, id := range ids {
		a, _ := l.Answer(id, -1)
		out = append(out, a)
	}
	return out
}

// Answer builds the answer of document id from its rows but row skip (-1
// for none): the links' words as title, the agents' replies as body, the
// customers' messages as examples, one use per row. It reports false when
// no row is left.
func (l *Library) Answer(id string, skip int) (knowledge.Answer, bool) {
	var links, replies, examples, brands []string
	seen := map[string]bool{}
	for _, i := range l.docs[id] {
		if i == skip {
			continue
		}
		r := &l.rows[i]
		if r.DocURL != "" && !seen[r.DocURL] {
			seen[r.DocURL] = true
			links = append(links, r.DocURL)
		}
		if l.communities && !slices.Contains(brands, r.Brand) {
			brands = append(brands, r.Brand)
		}
		replies = append(replies, r.AgentReply)
		examples = append(examples, r.Question())
	}
	if len(examples) == 0 {
		return knowledge.Answer{}, false
	}
	slices.Sort(brands)
	return knowledge.Answer{
		ID:          id,
		Title:       strings.Join(links, " "),
		Body:        strings.Join(replies, "\n\n"),
		Language:    l.lang,
		Communities: brands,
		Examples:    examples,
		State:       knowledge.StateApproved,
		Version:     1,
		Uses:        len(examples),
	}, true
}
