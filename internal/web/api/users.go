package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.Store.Users(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": users})
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Email       string   `json:"email"`
		Name        string   `json:"name"`
		Role        string   `json:"role"`
		Password    string   `json:"password"`
		Departments []string `json:"departments"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if _, err := access.ParseRole(body.Role); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	hash := ""
	if body.Password != "" {
		var err error
		if hash, err = access.HashPassword(body.Password); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
	}
	u, err := s.Store.CreateUser(r.Context(), principalOf(r.Context()).actor(),
		store.User{Email: body.Email, Name: body.Name, Role: body.Role, Departments: body.Departments}, hash)
	if err != nil {
		writeUserError(w, err)
		return
	}
	u, _ = s.Store.UserByID(r.Context(), u.ID)
	writeJSON(w, http.StatusCreated, u)
}

func writeUserError(w http.ResponseWriter, err error) {
	if strings.Contains(err.Error(), "not a valid address") || strings.Contains(err.Error(), "no department") {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeStoreError(w, err)
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	u, err := s.Store.UserByID(r.Context(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	var body struct {
		Name        *string   `json:"name"`
		Role        *string   `json:"role"`
		Departments *[]string `json:"departments"`
		Disabled    *bool     `json:"disabled"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if body.Role != nil {
		if _, err := access.ParseRole(*body.Role); err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		u.Role = *body.Role
	}
	if body.Name != nil {
		u.Name = *body.Name
	}
	if body.Departments != nil {
		u.Departments = *body.Departments
	}
	if body.Disabled != nil {
		u.Disabled = *body.Disabled
	}
	if err := s.Store.UpdateUser(r.Context(), principalOf(r.Context()).actor(), u); err != nil {
		writeUserError(w, err)
		return
	}
	u, _ = s.Store.UserByID(r.Context(), id)
	writeJSON(w, http.StatusOK, u)
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) {
	tokens, err := s.Store.Tokens(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": tokens})
}

// createToken makes a token; its plain text is shown once, in this answer.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Name   string `json:"name"`
		Role   string `json:"role"`
		UserID int64  `json:"user_id"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	if strings.TrimSpace(body.Name) == "" || len(body.Name) > 100 {
		writeError(w, http.StatusBadRequest, "name is required (at most 100 characters)")
		return
	}
	if _, err := access.ParseRole(body.Role); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if body.UserID != 0 {
		if _, err := s.Store.UserByID(r.Context(), body.UserID); err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("user %d does not exist", body.UserID))
			return
		}
	}
	plain, hash, err := access.NewToken()
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	t, err := s.Store.CreateToken(r.Context(), principalOf(r.Context()).actor(), body.Name, body.Role, body.UserID, hash)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"token": plain, "id": t.ID, "name": t.Name, "role": t.Role, "user_id": t.UserID})
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	if err := s.Store.RevokeToken(r.Context(), principalOf(r.Context()).actor(), id); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
