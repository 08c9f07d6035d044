package ui

import (
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// Suggestion is an approved answer proposed for a message, its variables
// filled in for that message.
type Suggestion struct {
	ID, Title, Body string
	Score           float64
}

// Suggester proposes approved answers for a message, best first. Without
// one the composer shows no suggestions.
type Suggester interface {
	Suggest(r *http.Request, m *message.Message) []Suggestion
}

// IndexSuggester suggests from the answers library's index (the one the API
// keeps up to date): approved, unexpired answers fitting the message's
// class, language and community.
type IndexSuggester struct {
	Index *knowledge.Index
	Limit int // 0: three
}

// Suggest ranks the library's answers for m and fills their variables.
func (s IndexSuggester) Suggest(_ *http.Request, m *message.Message) []Suggestion {
	q := knowledge.QueryFor(m)
	q.Limit = s.Limit
	if q.Limit == 0 {
		q.Limit = 3
	}
	vars := knowledge.VarsFor(m)
	var out []Suggestion
	for _, sg := range s.Index.Suggest(q) {
		text, _ := knowledge.Fill(sg.Answer.Body, vars)
		out = append(out, Suggestion{ID: sg.Answer.ID, Title: sg.Answer.Title, Body: text, Score: sg.Score})
	}
	return out
}

func (u *UI) suggestions(r *http.Request, m *message.Message) []Suggestion {
	if u.suggester == nil {
		return nil
	}
	return u.suggester.Suggest(r, m)
}
