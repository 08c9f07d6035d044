package ui

import (
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Suggestion is an approved answer proposed for a message.
type Suggestion struct {
	ID, Title, Body string
	Score           float64
}

// Suggester proposes approved answers for a message, best first. The answers
// library provides one; without it the composer shows no suggestions.
type Suggester interface {
	Suggest(r *http.Request, m *message.Message) []Suggestion
}

func (u *UI) suggestions(r *http.Request, m *message.Message) []Suggestion {
	if u.suggester == nil {
		return nil
	}
	return u.suggester.Suggest(r, m)
}
