package api

import (
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/people"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// communityInput is the body of a community's creation or change.
type communityInput struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

func (s *Server) listCommunities(w http.ResponseWriter, r *http.Request) {
	list, err := s.Store.Communities(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

func (s *Server) createCommunity(w http.ResponseWriter, r *http.Request) {
	var in communityInput
	if !decodeJSON(w, r, &in) {
		return
	}
	c, err := s.Store.CreateCommunity(r.Context(), principalOf(r.Context()).actor(), store.Community{Slug: in.Slug, Name: in.Name, Kind: in.Kind})
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

// getCommunity answers the community's workspace: members, accounts,
// routing rules, key messages and assignment rules.
func (s *Server) getCommunity(w http.ResponseWriter, r *http.Request) {
	ws, err := people.LoadWorkspace(r.Context(), s.Store, s.Router.Config(), r.PathValue("slug"))
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, ws)
}

func (s *Server) updateCommunity(w http.ResponseWriter, r *http.Request) {
	var in communityInput
	if !decodeJSON(w, r, &in) {
		return
	}
	if in.Slug != "" && in.Slug != r.PathValue("slug") {
		writeError(w, http.StatusBadRequest, "slug: a community's slug does not change")
		return
	}
	c, err := s.Store.UpdateCommunity(r.Context(), principalOf(r.Context()).actor(), store.Community{Slug: r.PathValue("slug"), Name: in.Name, Kind: in.Kind})
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) deleteCommunity(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.DeleteCommunity(r.Context(), principalOf(r.Context()).actor(), r.PathValue("slug")); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) addCommunityMember(w http.ResponseWriter, r *http.Request) {
	uid, ok := pathID(w, r, "user")
	if !ok {
		return
	}
	if err := s.Store.AddCommunityMember(r.Context(), principalOf(r.Context()).actor(), r.PathValue("slug"), uid); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) removeCommunityMember(w http.ResponseWriter, r *http.Request) {
	uid, ok := pathID(w, r, "user")
	if !ok {
		return
	}
	if err := s.Store.RemoveCommunityMember(r.Context(), principalOf(r.Context()).actor(), r.PathValue("slug"), uid); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) getAssignmentRules(w http.ResponseWriter, r *http.Request) {
	if _, err := s.Store.Community(r.Context(), r.PathValue("slug")); err != nil {
		writeStoreError(w, err)
		return
	}
	rules, err := s.Store.CommunityRules(r.Context(), r.PathValue("slug"))
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": rules})
}

// putAssignmentRules replaces the rules that assign messages to the community.
func (s *Server) putAssignmentRules(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Items []store.CommunityRule `json:"items"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	rules, err := s.Store.SetCommunityRules(r.Context(), principalOf(r.Context()).actor(), r.PathValue("slug"), in.Items)
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": rules})
}
