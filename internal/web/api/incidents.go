package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func (s *Server) listIncidents(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	if status != "" && status != store.IncidentOpen && status != store.IncidentClosed {
		writeError(w, http.StatusBadRequest, "status "+strconv.Quote(status)+": want open or closed")
		return
	}
	limit, ok := incidentLimit(w, r)
	if !ok {
		return
	}
	list, err := s.Store.Incidents(r.Context(), status, limit)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"incidents": list})
}

func (s *Server) getIncident(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	s.answerIncident(w, r, id)
}

// answerIncident writes the incident's report as it now stands.
func (s *Server) answerIncident(w http.ResponseWriter, r *http.Request, id int64) {
	rep, err := incident.BuildReport(r.Context(), s.Store, id, crisis.DefaultConfig().Bucket)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

func (s *Server) acknowledgeIncident(w http.ResponseWriter, r *http.Request) {
	s.changeIncident(w, r, func(id int64, a store.Actor) error { return s.Store.AcknowledgeIncident(r.Context(), a, id) })
}

func (s *Server) setIncidentOwner(w http.ResponseWriter, r *http.Request) {
	var body struct {
		UserID int64 `json:"user_id"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	s.changeIncident(w, r, func(id int64, a store.Actor) error { return s.Store.SetIncidentOwner(r.Context(), a, id, body.UserID) })
}

func (s *Server) setHoldingStatement(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Text     string `json:"text"`
		AnswerID string `json:"answer_id"` // an approved key message of /api/v1/answers
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	s.changeIncident(w, r, func(id int64, a store.Actor) error {
		return s.Store.SetHoldingStatement(r.Context(), a, id, body.Text, body.AnswerID)
	})
}

func (s *Server) closeIncident(w http.ResponseWriter, r *http.Request) {
	var body struct {
		PostMortem string `json:"postmortem"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	s.changeIncident(w, r, func(id int64, a store.Actor) error {
		if err := s.Store.CloseIncident(r.Context(), a, id, body.PostMortem); err != nil {
			return err
		}
		return s.reloadRouting(r.Context()) // its rule is gone: every process follows
	})
}

// changeIncident runs a change on the incident of the path and answers its
// report; bad input is a 400 and a closed incident a 409, with the reason.
func (s *Server) changeIncident(w http.ResponseWriter, r *http.Request, change func(int64, store.Actor) error) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	if err := change(id, principalOf(r.Context()).actor()); err != nil {
		switch {
		case errors.Is(err, store.ErrInvalidIncident):
			writeError(w, http.StatusBadRequest, err.Error())
			return
		case errors.Is(err, store.ErrIncidentClosed):
			writeError(w, http.StatusConflict, err.Error())
			return
		}
		writeStoreError(w, err)
		return
	}
	s.answerIncident(w, r, id)
}

func (s *Server) listNotifications(w http.ResponseWriter, r *http.Request) {
	limit, ok := incidentLimit(w, r)
	if !ok {
		return
	}
	list, err := s.Store.Notifications(r.Context(), 0, limit)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"notifications": list})
}

// incidentLimit reads the limit parameter: absent (0, the default) or 1 to 500.
func incidentLimit(w http.ResponseWriter, r *http.Request) (int, bool) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return 0, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 500 {
		writeError(w, http.StatusBadRequest, "limit "+strconv.Quote(v)+": want 1 to 500")
		return 0, false
	}
	return n, true
}
