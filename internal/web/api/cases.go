package api

import (
	"errors"
	"fmt"
	"net/http"
	"os"

	"github.com/switchboard-crm/switchboard/internal/caseexport"
	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// caseExporter is s.Cases, or one made from the environment
// (SWITCHBOARD_SECRET_KEY, SWITCHBOARD_BASE_URL) when the server was built
// without it.
func (s *Server) caseExporter(w http.ResponseWriter) (*caseexport.Exporter, bool) {
	if s.Cases != nil {
		return s.Cases, true
	}
	keys, err := channel.KeyringFromEnv()
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return nil, false
	}
	return &caseexport.Exporter{Store: s.Store, Keys: keys, BaseURL: os.Getenv("SWITCHBOARD_BASE_URL")}, true
}

// writeCaseError maps case export errors to HTTP answers.
func writeCaseError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, caseexport.ErrInvalid):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, channel.ErrNoKey):
		writeError(w, http.StatusServiceUnavailable, err.Error())
	default:
		writeStoreError(w, err)
	}
}

func (s *Server) listCaseTargets(w http.ResponseWriter, r *http.Request) {
	e, ok := s.caseExporter(w)
	if !ok {
		return
	}
	targets, err := s.Store.CaseTargets(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	items := make([]caseexport.View, len(targets))
	for i, t := range targets {
		items[i] = e.ViewOf(t)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (s *Server) getCaseTarget(w http.ResponseWriter, r *http.Request) {
	e, ok := s.caseExporter(w)
	if !ok {
		return
	}
	t, err := s.Store.CaseTarget(r.Context(), r.PathValue("name"))
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, e.ViewOf(t))
}

// putCaseTarget creates or replaces the target named in the path.
func (s *Server) putCaseTarget(w http.ResponseWriter, r *http.Request) {
	var spec caseexport.Spec
	if !decodeJSON(w, r, &spec) {
		return
	}
	name := r.PathValue("name")
	if spec.Name != "" && spec.Name != name {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("name %q in the body differs from %q in the path", spec.Name, name))
		return
	}
	spec.Name = name
	e, ok := s.caseExporter(w)
	if !ok {
		return
	}
	v, err := e.Put(r.Context(), principalOf(r.Context()).actor(), spec)
	if errors.Is(err, channel.ErrNoKey) {
		writeError(w, http.StatusBadRequest, "secret_headers: "+err.Error())
		return
	}
	if err != nil {
		writeCaseError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) deleteCaseTarget(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.DeleteCaseTarget(r.Context(), principalOf(r.Context()).actor(), r.PathValue("name")); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// caseInput asks for a case in a target; force makes a second one.
type caseInput struct {
	Target string `json:"target"`
	Force  bool   `json:"force"`
}

// readCaseInput reads the body and the message the caller may see.
func (s *Server) readCaseInput(w http.ResponseWriter, r *http.Request) (caseInput, int64, bool) {
	var in caseInput
	m, ok := s.visibleMessage(w, r)
	if !ok || !decodeJSON(w, r, &in) {
		return in, 0, false
	}
	if in.Target == "" {
		writeError(w, http.StatusBadRequest, "target: the name of a case target is required (GET /api/v1/case-targets)")
		return in, 0, false
	}
	return in, m.ID, true
}

// createCase sends the message's conversation to the target: 201 with the
// case, 409 with the existing one, 502 with the failed one.
func (s *Server) createCase(w http.ResponseWriter, r *http.Request) {
	in, id, ok := s.readCaseInput(w, r)
	if !ok {
		return
	}
	e, ok := s.caseExporter(w)
	if !ok {
		return
	}
	c, err := e.Create(r.Context(), principalOf(r.Context()).actor(), in.Target, id, in.Force)
	switch {
	case errors.Is(err, store.ErrCaseExists):
		writeJSON(w, http.StatusConflict, map[string]any{"error": err.Error() + `; send {"force": true} to create another`, "case": c})
	case err != nil:
		writeCaseError(w, err)
	case c.Status == store.CaseFailed:
		writeJSON(w, http.StatusBadGateway, map[string]any{"error": c.Error, "case": c})
	default:
		writeJSON(w, http.StatusCreated, c)
	}
}

// previewCase shows the request a target would receive, calling nothing.
func (s *Server) previewCase(w http.ResponseWriter, r *http.Request) {
	in, id, ok := s.readCaseInput(w, r)
	if !ok {
		return
	}
	e, ok := s.caseExporter(w)
	if !ok {
		return
	}
	req, err := e.Preview(r.Context(), in.Target, id)
	if err != nil {
		writeCaseError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, req)
}

// listCases lists the cases of the message's conversation, newest first.
func (s *Server) listCases(w http.ResponseWriter, r *http.Request) {
	m, ok := s.visibleMessage(w, r)
	if !ok {
		return
	}
	cases, err := s.Store.Cases(r.Context(), m.ThreadID)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": cases})
}
