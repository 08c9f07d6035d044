package api

import (
	"errors"
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// mergePeople merges another person into the one in the path.
func (s *Server) mergePeople(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		PersonID int64 `json:"person_id"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	if in.PersonID <= 0 {
		writeError(w, http.StatusBadRequest, "person_id: want the positive id of the person to merge in")
		return
	}
	p, err := s.Store.MergePeople(r.Context(), principalOf(r.Context()).actor(), id, in.PersonID)
	writePerson(w, http.StatusOK, p, err)
}

// unmergeIdentity takes an identity out of a person into a new person.
func (s *Server) unmergeIdentity(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		AuthorID int64 `json:"author_id"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	if in.AuthorID <= 0 {
		writeError(w, http.StatusBadRequest, "author_id: want the positive id of the identity to take out")
		return
	}
	p, err := s.Store.UnmergeIdentity(r.Context(), principalOf(r.Context()).actor(), id, in.AuthorID)
	writePerson(w, http.StatusCreated, p, err)
}

// writePerson answers a person, or the error that prevented the change.
func writePerson(w http.ResponseWriter, code int, p store.Person, err error) {
	switch {
	case errors.Is(err, store.ErrNoIdentities):
		writeError(w, http.StatusConflict, err.Error())
	case err != nil:
		writeStoreError(w, err)
	default:
		writeJSON(w, code, p)
	}
}
