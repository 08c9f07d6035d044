package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// listLeaders answers the opinion leaders of all communities together.
func (s *Server) listLeaders(w http.ResponseWriter, r *http.Request) { s.answerLeaders(w, r, "") }

// communityLeaders answers the opinion leaders of one community.
func (s *Server) communityLeaders(w http.ResponseWriter, r *http.Request) {
	s.answerLeaders(w, r, r.PathValue("slug"))
}

func (s *Server) answerLeaders(w http.ResponseWriter, r *http.Request, community string) {
	// An agent sees the recent messages of their departments only.
	f := store.LeaderFilter{Community: community, Departments: principalOf(r.Context()).scope()}
	var ok bool
	if f.Limit, ok = queryCount(w, r, "limit", store.MaxLeaders); !ok {
		return
	}
	if f.Recent, ok = queryCount(w, r, "recent", 20); !ok {
		return
	}
	leaders, err := s.Store.Leaders(r.Context(), f)
	if err != nil {
		writeInfluenceError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"community": community, "leaders": leaders})
}

// listRepeaters answers the people who wrote at least min messages of a class.
func (s *Server) listRepeaters(w http.ResponseWriter, r *http.Request) {
	f := store.RepeatFilter{Class: r.URL.Query().Get("class"), Community: r.URL.Query().Get("community"), Min: 2}
	if f.Class == "" {
		f.Class = "complaint"
	}
	var ok bool
	if v := r.URL.Query().Get("min"); v != "" {
		if f.Min, ok = queryCount(w, r, "min", 1000); !ok {
			return
		}
	}
	if f.Limit, ok = queryCount(w, r, "limit", 1000); !ok {
		return
	}
	people, err := s.Store.Repeaters(r.Context(), f)
	if err != nil {
		writeInfluenceError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"class": f.Class, "min": f.Min, "people": people})
}

// getInfluence answers one author's influence score in a community.
func (s *Server) getInfluence(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	channel, handle, community := q.Get("channel"), q.Get("handle"), q.Get("community")
	if channel == "" || handle == "" {
		writeError(w, http.StatusBadRequest, "channel and handle are required")
		return
	}
	score, err := s.Store.InfluenceOf(r.Context(), channel, handle, community)
	if err != nil {
		writeInfluenceError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"channel": channel, "handle": handle, "community": community, "score": score})
}

// queryCount reads an optional whole number from 1 to most (0 when absent).
func queryCount(w http.ResponseWriter, r *http.Request, name string, most int) (int, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > most {
		writeError(w, http.StatusBadRequest, name+": want a whole number from 1 to "+strconv.Itoa(most))
		return 0, false
	}
	return n, true
}

func writeInfluenceError(w http.ResponseWriter, err error) {
	if errors.Is(err, store.ErrInvalidValue) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeStoreError(w, err)
}
