package api

import (
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/store"
)

func (s *Server) listFields(w http.ResponseWriter, r *http.Request) {
	list, err := s.Store.CustomFields(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

func (s *Server) createField(w http.ResponseWriter, r *http.Request) {
	var in store.CustomField
	if !decodeJSON(w, r, &in) {
		return
	}
	f, err := s.Store.CreateCustomField(r.Context(), principalOf(r.Context()).actor(), in)
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, f)
}

// updateField changes a field's label and options (not its key or type).
func (s *Server) updateField(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Label   string   `json:"label"`
		Options []string `json:"options"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	f, err := s.Store.UpdateCustomField(r.Context(), principalOf(r.Context()).actor(), store.CustomField{Key: r.PathValue("key"), Label: in.Label, Options: in.Options})
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}

func (s *Server) deleteField(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.DeleteCustomField(r.Context(), principalOf(r.Context()).actor(), r.PathValue("key")); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
