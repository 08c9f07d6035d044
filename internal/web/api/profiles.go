package api

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// writePeopleError answers a store error, bad input as 400.
func writePeopleError(w http.ResponseWriter, err error) {
	if errors.Is(err, store.ErrInvalidValue) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeStoreError(w, err)
}

// getProfile answers a person's profile; an agent sees only the
// conversations of their departments.
func (s *Server) getProfile(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	pr, err := s.Store.ProfileIn(r.Context(), id, principalOf(r.Context()).scope())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, pr)
}

// personOfAuthor answers the person of an author, giving a lone author a
// person of their own.
func (s *Server) personOfAuthor(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	pid, err := s.Store.PersonOfAuthor(r.Context(), principalOf(r.Context()).actor(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int64{"person_id": pid})
}

func (s *Server) putBio(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		Bio *string `json:"bio"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	if in.Bio == nil {
		writeError(w, http.StatusBadRequest, "missing field: bio")
		return
	}
	if err := s.Store.SetBio(r.Context(), principalOf(r.Context()).actor(), id, *in.Bio); err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"bio": *in.Bio})
}

func (s *Server) addTag(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		Tag string `json:"tag"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	tag, err := s.Store.AddTag(r.Context(), principalOf(r.Context()).actor(), id, in.Tag)
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"tag": tag})
}

func (s *Server) removeTag(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	if err := s.Store.RemoveTag(r.Context(), principalOf(r.Context()).actor(), id, r.PathValue("tag")); err != nil {
		writePeopleError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) listTags(w http.ResponseWriter, r *http.Request) {
	tags, err := s.Store.Tags(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": tags})
}

func (s *Server) addPersonNote(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	var in struct {
		Body string `json:"body"`
	}
	if !decodeJSON(w, r, &in) {
		return
	}
	n, err := s.Store.AddPersonNote(r.Context(), principalOf(r.Context()).actor(), id, in.Body)
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, n)
}

// patchFields sets custom field values: {"key": value}; null or "" removes
// one. Strings, numbers and booleans are accepted and checked by the type.
func (s *Server) patchFields(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	var in map[string]any
	if !decodeJSON(w, r, &in) {
		return
	}
	values := map[string]string{}
	for k, v := range in {
		switch x := v.(type) {
		case nil:
			values[k] = ""
		case string:
			values[k] = x
		case float64:
			values[k] = strconv.FormatFloat(x, 'f', -1, 64)
		case bool:
			values[k] = strconv.FormatBool(x)
		default:
			writeError(w, http.StatusBadRequest, fmt.Sprintf("field %s: want a string, number, boolean or null", k))
			return
		}
	}
	out, err := s.Store.SetPersonFields(r.Context(), principalOf(r.Context()).actor(), id, values)
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"fields": out})
}

// searchPeople lists people matching the query's filters (as a segment's).
func (s *Server) searchPeople(w http.ResponseWriter, r *http.Request) {
	f, err := filterFromQuery(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	limit, ok := queryCount(w, r, "limit", 1000)
	if !ok {
		return
	}
	members, total, err := s.Store.SegmentMembers(r.Context(), f, limit)
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": members, "total": total})
}

// filterFromQuery reads a segment filter from URL parameters: q, tag,
// community, language, sentiment, min_followers, seen_within_days,
// min_complaints, and field=key:op:value (repeatable).
func filterFromQuery(q url.Values) (store.SegmentFilter, error) {
	f := store.SegmentFilter{Query: q.Get("q"), Tag: q.Get("tag"), Community: q.Get("community"), Language: q.Get("language"), Sentiment: q.Get("sentiment")}
	ints := map[string]*int{"seen_within_days": &f.SeenWithinDays, "min_complaints": &f.MinComplaints}
	for name, dst := range ints {
		if v := q.Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return f, fmt.Errorf("%s %q: want a whole number", name, v)
			}
			*dst = n
		}
	}
	if v := q.Get("min_followers"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return f, fmt.Errorf("min_followers %q: want a whole number", v)
		}
		f.MinFollowers = n
	}
	for _, fc := range q["field"] {
		var c store.FieldCondition
		parts := strings.SplitN(fc, ":", 3)
		if len(parts) < 2 {
			return f, fmt.Errorf("field %q: want key:op:value", fc)
		}
		c.Key, c.Op = parts[0], parts[1]
		if len(parts) == 3 {
			c.Value = parts[2]
		}
		f.Fields = append(f.Fields, c)
	}
	return f, nil
}
