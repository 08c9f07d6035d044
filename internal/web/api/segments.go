package api

import (
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// segmentInput is the body of a segment's creation or change.
type segmentInput struct {
	Name   string              `json:"name"`
	Filter store.SegmentFilter `json:"filter"`
	Shared bool                `json:"shared"`
}

func (s *Server) listSegments(w http.ResponseWriter, r *http.Request) {
	p := principalOf(r.Context())
	list, err := s.Store.Segments(r.Context(), p.UserID, p.Role == access.Admin)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
}

func (s *Server) createSegment(w http.ResponseWriter, r *http.Request) {
	var in segmentInput
	if !decodeJSON(w, r, &in) {
		return
	}
	if p := principalOf(r.Context()); !in.Shared && p.UserID == 0 && p.Role != access.Admin {
		writeError(w, http.StatusBadRequest, "shared: a private segment belongs to a user and this token acts for none; make it shared")
		return
	}
	seg, err := s.Store.SaveSegment(r.Context(), principalOf(r.Context()).actor(), store.Segment{Name: in.Name, Filter: in.Filter, Shared: in.Shared})
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, seg)
}

// visibleSegment loads the segment of the path if the caller sees it (shared,
// theirs, or an admin); it answers the error itself.
func (s *Server) visibleSegment(w http.ResponseWriter, r *http.Request) (store.Segment, bool) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return store.Segment{}, false
	}
	seg, err := s.Store.Segment(r.Context(), id)
	p := principalOf(r.Context())
	if err == nil && !seg.Shared && !ownedBy(seg, p) && p.Role != access.Admin {
		writeError(w, http.StatusNotFound, "segment not found")
		return seg, false
	}
	if err != nil {
		writeStoreError(w, err)
		return seg, false
	}
	return seg, true
}

func (s *Server) getSegment(w http.ResponseWriter, r *http.Request) {
	if seg, ok := s.visibleSegment(w, r); ok {
		writeJSON(w, http.StatusOK, seg)
	}
}

// updateSegment changes a segment; only its owner or an admin may.
func (s *Server) updateSegment(w http.ResponseWriter, r *http.Request) {
	seg, ok := s.ownSegment(w, r)
	if !ok {
		return
	}
	var in segmentInput
	if !decodeJSON(w, r, &in) {
		return
	}
	seg.Name, seg.Filter, seg.Shared = in.Name, in.Filter, in.Shared
	out, err := s.Store.SaveSegment(r.Context(), principalOf(r.Context()).actor(), seg)
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) deleteSegment(w http.ResponseWriter, r *http.Request) {
	seg, ok := s.ownSegment(w, r)
	if !ok {
		return
	}
	if err := s.Store.DeleteSegment(r.Context(), principalOf(r.Context()).actor(), seg.ID); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) ownSegment(w http.ResponseWriter, r *http.Request) (store.Segment, bool) {
	seg, ok := s.visibleSegment(w, r)
	if !ok {
		return seg, false
	}
	p := principalOf(r.Context())
	if !ownedBy(seg, p) && p.Role != access.Admin {
		writeError(w, http.StatusForbidden, "only the segment's owner or an admin changes it")
		return seg, false
	}
	return seg, true
}

// ownedBy reports whether the caller's user owns the segment; a segment
// made by a token acting for no user is nobody's (owner 0), not every such
// token's.
func ownedBy(seg store.Segment, p Principal) bool {
	return seg.OwnerID != 0 && seg.OwnerID == p.UserID
}

// segmentMembers answers the people of a segment and their count.
func (s *Server) segmentMembers(w http.ResponseWriter, r *http.Request) {
	seg, ok := s.visibleSegment(w, r)
	if !ok {
		return
	}
	limit, ok := queryCount(w, r, "limit", 1000)
	if !ok {
		return
	}
	members, total, err := s.Store.SegmentMembers(r.Context(), seg.Filter, limit)
	if err != nil {
		writePeopleError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"segment": seg, "items": members, "total": total})
}
