package api

import (
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/route"
)

func (s *Server) listDepartments(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"items": s.Router.Config().Departments})
}

// putDepartment creates or replaces a department, if the configuration stays valid.
func (s *Server) putDepartment(w http.ResponseWriter, r *http.Request) {
	var d route.Department
	if !decodeJSON(w, r, &d) {
		return
	}
	if d.Slug == "" {
		d.Slug = r.PathValue("slug")
	}
	if d.Slug != r.PathValue("slug") {
		writeError(w, http.StatusBadRequest, "slug in the body differs from the path")
		return
	}
	cfg := s.Router.Config()
	cfg.Departments = replaceDepartment(cfg.Departments, d)
	if err := cfg.Validate(); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := s.Store.SaveDepartment(r.Context(), principalOf(r.Context()).actor(), d); err != nil {
		writeStoreError(w, err)
		return
	}
	s.afterConfigChange(w, r, d)
}

func replaceDepartment(deps []route.Department, d route.Department) []route.Department {
	out := make([]route.Department, 0, len(deps)+1)
	found := false
	for _, x := range deps {
		if x.Slug == d.Slug {
			x, found = d, true
		}
		out = append(out, x)
	}
	if !found {
		out = append(out, d)
	}
	return out
}

func (s *Server) deleteDepartment(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	cfg := s.Router.Config()
	kept := cfg.Departments[:0:0]
	for _, d := range cfg.Departments {
		if d.Slug != slug {
			kept = append(kept, d)
		}
	}
	cfg.Departments = kept
	if err := cfg.Validate(); err != nil {
		writeError(w, http.StatusConflict, "cannot delete "+slug+": "+err.Error())
		return
	}
	if err := s.Store.DeleteDepartment(r.Context(), principalOf(r.Context()).actor(), slug); err != nil {
		writeStoreError(w, err)
		return
	}
	s.afterConfigChange(w, r, map[string]string{"deleted": slug})
}

func (s *Server) listRules(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"items": s.Router.Config().Rules})
}

// putRules replaces the ordered list of rules, if they are all valid.
func (s *Server) putRules(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Items []route.Rule `json:"items"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	cfg := s.Router.Config()
	cfg.Rules = body.Items
	if err := cfg.Validate(); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := s.Store.SetRules(r.Context(), principalOf(r.Context()).actor(), body.Items); err != nil {
		writeStoreError(w, err)
		return
	}
	s.afterConfigChange(w, r, map[string]any{"items": body.Items})
}

func (s *Server) afterConfigChange(w http.ResponseWriter, r *http.Request, answer any) {
	if err := s.reloadRouting(r.Context()); err != nil {
		writeError(w, http.StatusInternalServerError, "saved, but the router did not reload: "+err.Error())
		return
	}
	writeJSON(w, http.StatusOK, answer)
}
