package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func (s *Server) listDeadLetters(w http.ResponseWriter, r *http.Request) {
	before, limit, err := pageParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	items, err := s.Store.DeadLetters(r.Context(), before, limit)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	total, _ := s.Store.CountDeadLetters(r.Context())
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": total})
}

// retryDeadLetter hands a dead letter back to the pipeline; if it fails
// again it comes back as a new dead letter.
func (s *Server) retryDeadLetter(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	dl, err := s.Store.TakeDeadLetter(r.Context(), principalOf(r.Context()).actor(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	var m message.Message
	if err := json.Unmarshal([]byte(dl.Payload), &m); err != nil || m.Channel == "" {
		s.Store.AddDeadLetter(r.Context(), dl)
		writeError(w, http.StatusUnprocessableEntity, "this dead letter is not a message and cannot be retried")
		return
	}
	if p := s.Bus.Republish(r.Context(), &m, strconv.FormatInt(id, 10)); p.Err != nil {
		s.Store.AddDeadLetter(r.Context(), dl)
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("not retried: %v", p.Err))
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"retried": id, "key": m.Key()})
}

func (s *Server) auditLog(w http.ResponseWriter, r *http.Request) {
	before, limit, err := pageParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	items, err := s.Store.AuditLog(r.Context(), before, limit)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// pageParams reads "before" (an id) and "limit" for id-ordered lists.
func pageParams(r *http.Request) (before int64, limit int, err error) {
	q := r.URL.Query()
	if v := q.Get("before"); v != "" {
		if before, err = strconv.ParseInt(v, 10, 64); err != nil || before < 0 {
			return 0, 0, fmt.Errorf("before %q: want an id", v)
		}
	}
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 500 {
			return 0, 0, fmt.Errorf("limit %q: want 1 to 500", v)
		}
	}
	return before, limit, nil
}
