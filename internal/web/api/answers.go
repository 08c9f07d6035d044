package api

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// answerInput is an answer or key message as a client writes it: what a
// person decides, not its version history or uses. Version, when given, must
// be the current version (a guard against overwriting someone's edit).
type answerInput struct {
	ID          string          `json:"id"`
	Kind        knowledge.Kind  `json:"kind"`
	Title       string          `json:"title"`
	Body        string          `json:"body"`
	Language    string          `json:"language"`
	Communities []string        `json:"communities"`
	Classes     []message.Class `json:"classes"`
	Departments []string        `json:"departments"`
	Tags        []string        `json:"tags"`
	Examples    []string        `json:"examples"`
	State       knowledge.State `json:"state"`
	ExpiresAt   time.Time       `json:"expires_at"`
	Owner       string          `json:"owner"`
	Version     int             `json:"version"`
}

func (in *answerInput) record() knowledge.Record {
	return knowledge.Record{Kind: in.Kind, Answer: knowledge.Answer{
		ID: in.ID, Title: in.Title, Body: in.Body, Language: in.Language, Communities: in.Communities,
		Classes: in.Classes, Departments: in.Departments, Tags: in.Tags, Examples: in.Examples,
		State: in.State, ExpiresAt: in.ExpiresAt.UTC(), Owner: in.Owner, Version: in.Version,
	}}
}

// mayApprove refuses an approved state from a caller who may not approve:
// nothing reaches the suggestions without a reviewer's say.
func mayApprove(p Principal, st knowledge.State) error {
	if st == knowledge.StateApproved && !p.Role.Can(access.ApproveAnswers) {
		return fmt.Errorf("role %s may not approve answers: leave state empty (draft) and ask a reviewer", p.Role)
	}
	return nil
}

func (s *Server) listAnswers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.AnswerFilter{Kind: knowledge.Kind(q.Get("kind")), State: knowledge.State(q.Get("state")),
		Language: q.Get("language"), Department: q.Get("department"), Tag: q.Get("tag"), After: q.Get("after"), Limit: 100}
	if err := checkAnswerFilter(&f, q.Get("limit")); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	items, err := s.Store.Answers(r.Context(), f)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	var next any
	if len(items) == f.Limit {
		next = items[len(items)-1].ID
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "next_after": next})
}

func checkAnswerFilter(f *store.AnswerFilter, limit string) error {
	if f.Kind != "" && !f.Kind.Valid() {
		return fmt.Errorf("kind %q: want answer or key_message", f.Kind)
	}
	if f.State != "" && !f.State.Valid() {
		return fmt.Errorf("state %q: want draft, approved or retired", f.State)
	}
	if limit != "" {
		n, err := strconv.Atoi(limit)
		if err != nil || n < 1 || n > 500 {
			return fmt.Errorf("limit %q: want 1 to 500", limit)
		}
		f.Limit = n
	}
	return nil
}

func (s *Server) getAnswer(w http.ResponseWriter, r *http.Request) {
	a, err := s.Store.Answer(r.Context(), r.PathValue("id"))
	if err != nil {
		writeAnswerError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) createAnswer(w http.ResponseWriter, r *http.Request) {
	var in answerInput
	if !decodeJSON(w, r, &in) {
		return
	}
	p := principalOf(r.Context())
	if err := mayApprove(p, in.State); err != nil {
		writeError(w, http.StatusForbidden, err.Error())
		return
	}
	if in.ID == "" {
		in.ID = newAnswerID()
	}
	rec := in.record()
	rec.Version = 0
	s.changeAnswer(w, r, http.StatusCreated, func() (knowledge.Record, error) {
		return s.Store.CreateAnswer(r.Context(), p.actor(), rec)
	})
}

// updateAnswer replaces an answer as a new version. The body is the whole
// answer: a state left out makes it a draft again, so an edited text is
// reviewed before it is suggested.
func (s *Server) updateAnswer(w http.ResponseWriter, r *http.Request) {
	var in answerInput
	if !decodeJSON(w, r, &in) {
		return
	}
	id := r.PathValue("id")
	if in.ID != "" && in.ID != id {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("id %q in the body differs from %q in the path", in.ID, id))
		return
	}
	in.ID = id
	if in.State == "" {
		in.State = knowledge.StateDraft
	}
	p := principalOf(r.Context())
	if err := mayApprove(p, in.State); err != nil {
		writeError(w, http.StatusForbidden, err.Error())
		return
	}
	s.changeAnswer(w, r, http.StatusOK, func() (knowledge.Record, error) {
		return s.Store.UpdateAnswer(r.Context(), p.actor(), in.record())
	})
}

func (s *Server) approveAnswer(w http.ResponseWriter, r *http.Request) {
	s.setAnswerState(w, r, knowledge.StateApproved)
}

func (s *Server) retireAnswer(w http.ResponseWriter, r *http.Request) {
	s.setAnswerState(w, r, knowledge.StateRetired)
}

func (s *Server) setAnswerState(w http.ResponseWriter, r *http.Request, st knowledge.State) {
	p := principalOf(r.Context())
	s.changeAnswer(w, r, http.StatusOK, func() (knowledge.Record, error) {
		return s.Store.SetAnswerState(r.Context(), p.actor(), r.PathValue("id"), st)
	})
}

// changeAnswer runs a store change and puts its result in the index, one
// change at a time so the index never goes back to an older version.
func (s *Server) changeAnswer(w http.ResponseWriter, r *http.Request, code int, change func() (knowledge.Record, error)) {
	ix, err := s.index(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	s.answers.mu.Lock()
	defer s.answers.mu.Unlock()
	rec, err := change()
	if err == nil {
		err = ix.Put(rec.Answer)
	}
	if err != nil {
		writeAnswerError(w, err)
		return
	}
	s.announceAnswers(rec.ID)
	writeJSON(w, code, rec)
}

func (s *Server) answerVersions(w http.ResponseWriter, r *http.Request) {
	vs, err := s.Store.AnswerVersions(r.Context(), r.PathValue("id"))
	if err != nil {
		writeAnswerError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": vs})
}

// writeAnswerError maps the errors of the library to HTTP answers.
func writeAnswerError(w http.ResponseWriter, err error) {
	if errors.Is(err, knowledge.ErrInvalidAnswer) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeStoreError(w, err)
}

func newAnswerID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return "a-" + hex.EncodeToString(b)
}
