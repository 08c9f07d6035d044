package api

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// suggestionView is one suggested answer for a message: the answer, its
// score and matched words, and its body with the message's variables filled
// in (Unknown lists the variables left as they were).
type suggestionView struct {
	Answer  knowledge.Record `json:"answer"`
	Score   float64          `json:"score"`
	Matched []string         `json:"matched"`
	Text    string           `json:"text"`
	Unknown []string         `json:"unknown"`
}

func (s *Server) suggestions(w http.ResponseWriter, r *http.Request) {
	m, ok := s.visibleMessage(w, r)
	if !ok {
		return
	}
	q := knowledge.QueryFor(&m)
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 20 {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("limit %q: want 1 to 20", v))
			return
		}
		q.Limit = n
	}
	ix, err := s.index(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	out := []suggestionView{}
	vars := knowledge.VarsFor(&m)
	for _, sg := range ix.Suggest(q) {
		rec, err := s.Store.Answer(r.Context(), sg.Answer.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue // deleted since it was ranked
		}
		if err != nil {
			writeStoreError(w, err)
			return
		}
		if rec.State != knowledge.StateApproved {
			continue // changed by another process, not yet announced
		}
		text, unknown := knowledge.Fill(rec.Body, vars)
		out = append(out, suggestionView{Answer: rec, Score: sg.Score, Matched: sg.Matched, Text: text, Unknown: emptyIfNil(unknown)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"message_id": m.ID, "items": out})
}

// answerUsed records that the caller sent an answer for a message: the
// message becomes an example question of the answer, which is then suggested
// for messages like it. It returns the answer and its text filled for the message.
func (s *Server) answerUsed(w http.ResponseWriter, r *http.Request) {
	var body struct {
		MessageID int64 `json:"message_id"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	m, ok := s.messageOfBody(w, r, body.MessageID)
	if !ok {
		return
	}
	rec, err := s.learn(r, r.PathValue("id"), &m)
	if err != nil {
		writeAnswerError(w, err)
		return
	}
	text, unknown := knowledge.Fill(rec.Body, knowledge.VarsFor(&m))
	writeJSON(w, http.StatusOK, map[string]any{"answer": rec, "text": text, "unknown": emptyIfNil(unknown)})
}

// messageOfBody loads the message a body names, if the caller may see it.
func (s *Server) messageOfBody(w http.ResponseWriter, r *http.Request, id int64) (message.Message, bool) {
	if id <= 0 {
		writeError(w, http.StatusBadRequest, "message_id: want the positive id of the message the answer was sent for")
		return message.Message{}, false
	}
	m, err := s.Store.Message(r.Context(), id)
	if err == nil && !principalOf(r.Context()).sees(m.Department) {
		err = fmt.Errorf("message %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		writeStoreError(w, err)
		return m, false
	}
	return m, true
}

// learn teaches the index the use of answer id for m and persists it; if the
// store refuses, the index reads the answer back from the store.
func (s *Server) learn(r *http.Request, id string, m *message.Message) (knowledge.Record, error) {
	ix, err := s.index(r.Context())
	if err != nil {
		return knowledge.Record{}, err
	}
	s.answers.mu.Lock()
	defer s.answers.mu.Unlock()
	rec, err := s.Store.Answer(r.Context(), id)
	if err != nil {
		return rec, err
	}
	if rec.State != knowledge.StateApproved {
		return rec, fmt.Errorf("answer %q is %s: only approved answers are sent and learnt from: %w", id, rec.State, store.ErrConflict)
	}
	// Learn from the stored answer, which another process may have changed.
	before := rec.Answer
	if err := ix.Put(before); err != nil {
		return rec, err
	}
	learned, err := ix.Learn(id, clipQuestion(m.Text))
	if err != nil {
		return rec, err
	}
	if err := s.Store.RecordAnswerUse(r.Context(), principalOf(r.Context()).actor(), learned, m.ID); err != nil {
		s.reindex(r.Context(), ix, answersChanged{IDs: []string{id}}) // back to what the store holds
		return rec, err
	}
	rec.Answer = learned
	s.announceAnswers(id)
	return rec, nil
}

// clipQuestion keeps the start of a message short enough to be an example.
func clipQuestion(text string) string {
	if len(text) <= knowledge.MaxExampleLen {
		return text
	}
	cut := knowledge.MaxExampleLen
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

func emptyIfNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
