package api

import (
	"fmt"
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// answerMessage writes the message as it now stands.
func (s *Server) answerMessage(w http.ResponseWriter, r *http.Request, id int64) {
	m, err := s.Store.Message(r.Context(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, viewOf(m))
}

func (s *Server) assign(w http.ResponseWriter, r *http.Request) {
	m, ok := s.visibleMessage(w, r)
	if !ok {
		return
	}
	var body struct {
		UserID *int64 `json:"user_id"` // absent: the caller claims it; 0: unassign
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	p := principalOf(r.Context())
	uid := p.UserID
	if body.UserID != nil {
		uid = *body.UserID
	} else if uid == 0 {
		writeError(w, http.StatusBadRequest, "user_id is required: this token acts for no user")
		return
	}
	if uid != 0 {
		u, err := s.Store.UserByID(r.Context(), uid)
		if err != nil || u.Disabled {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("user %d does not exist or is disabled", uid))
			return
		}
	}
	if err := s.Store.Assign(r.Context(), p.actor(), m.ID, uid); err != nil {
		writeStoreError(w, err)
		return
	}
	s.answerMessage(w, r, m.ID)
}

func (s *Server) reroute(w http.ResponseWriter, r *http.Request) {
	m, ok := s.visibleMessage(w, r)
	if !ok {
		return
	}
	var body struct {
		Department string        `json:"department"`
		Class      message.Class `json:"class"`
		Reason     string        `json:"reason"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	class, err := s.rerouteClass(body.Department, body.Class)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if len(body.Reason) > 1000 {
		writeError(w, http.StatusBadRequest, "reason: at most 1000 bytes")
		return
	}
	if err := s.Store.Reroute(r.Context(), principalOf(r.Context()).actor(), m.ID, body.Department, class, body.Reason); err != nil {
		writeStoreError(w, err)
		return
	}
	s.answerMessage(w, r, m.ID)
}

// rerouteClass checks the target department and gives the class of the
// correction: the one given, else the department's first class.
func (s *Server) rerouteClass(dep string, class message.Class) (message.Class, error) {
	if class != "" && !class.Valid() {
		return "", fmt.Errorf("class %q: want one of %v", class, message.Classes)
	}
	if dep == "" {
		return "", fmt.Errorf("department is required")
	}
	for _, d := range s.Router.Config().Departments {
		if d.Slug != dep {
			continue
		}
		if class == "" && len(d.Classes) > 0 {
			class = d.Classes[0]
		}
		if class == "" {
			return "", fmt.Errorf("department %s takes no class: say which class the message is", dep)
		}
		return class, nil
	}
	return "", fmt.Errorf("no department %q", dep)
}

func (s *Server) setStatus(w http.ResponseWriter, r *http.Request) {
	m, ok := s.visibleMessage(w, r)
	if !ok {
		return
	}
	var body struct {
		Status message.Status `json:"status"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if !body.Status.Valid() {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("status %q: want new, open, waiting or resolved", body.Status))
		return
	}
	if err := s.Store.SetStatus(r.Context(), principalOf(r.Context()).actor(), m.ID, body.Status); err != nil {
		writeStoreError(w, err)
		return
	}
	s.answerMessage(w, r, m.ID)
}

func (s *Server) setPriority(w http.ResponseWriter, r *http.Request) {
	m, ok := s.visibleMessage(w, r)
	if !ok {
		return
	}
	var body struct {
		Priority message.Priority `json:"priority"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if body.Priority.Rank() < 0 {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("priority %q: want low, normal, high or urgent", body.Priority))
		return
	}
	if err := s.Store.SetPriority(r.Context(), principalOf(r.Context()).actor(), m.ID, body.Priority); err != nil {
		writeStoreError(w, err)
		return
	}
	s.answerMessage(w, r, m.ID)
}
