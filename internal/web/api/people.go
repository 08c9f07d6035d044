package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// createPerson groups authors into a person, by hand.
func (s *Server) createPerson(w http.ResponseWriter, r *http.Request) {
	var in struct {
		AuthorIDs []int64 `json:"author_ids"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	if len(in.AuthorIDs) == 0 {
		writeError(w, http.StatusBadRequest, "author_ids: want at least one author id")
		return
	}
	p, err := s.Store.CreatePerson(r.Context(), principalOf(r.Context()).actor(), in.AuthorIDs)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, p)
}

func (s *Server) getPerson(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	p, err := s.Store.Person(r.Context(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// exportPerson answers everything held about a person as a JSON download.
func (s *Server) exportPerson(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	ex, err := s.Store.ExportPerson(r.Context(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="person-%d.json"`, id))
	writeJSON(w, http.StatusOK, ex)
}

// erasePerson erases a person: their messages anonymised, identities deleted.
func (s *Server) erasePerson(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	res, err := s.Store.ErasePerson(r.Context(), principalOf(r.Context()).actor(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) getRetention(w http.ResponseWriter, r *http.Request) {
	ret, err := s.Store.Retention(r.Context(), r.PathValue("slug"))
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, ret)
}

// putRetention sets a community's retention period in days (0: keep for ever).
func (s *Server) putRetention(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Days *int `json:"days"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	if in.Days == nil {
		writeError(w, http.StatusBadRequest, "missing field: days (0 keeps messages for ever)")
		return
	}
	ret, err := s.Store.SetRetention(r.Context(), principalOf(r.Context()).actor(), r.PathValue("slug"), *in.Days)
	if errors.Is(err, store.ErrBadRetention) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, ret)
}
