package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// events streams routed messages as Server-Sent Events, only those of the
// caller's departments. A client that reconnects with Last-Event-ID resumes
// where it stopped (within the events stream's retention).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		writeError(w, http.StatusInternalServerError, "streaming is not supported here")
		return
	}
	after, _ := strconv.ParseUint(r.Header.Get("Last-Event-ID"), 10, 64)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": switchboard events\n\n")
	flusher.Flush()
	p := principalOf(r.Context())
	rc := http.NewResponseController(w)
	err := s.Bus.Subscribe(r.Context(), after, func(ev pipeline.Event) error {
		if !p.sees(ev.Message.Department) {
			return nil
		}
		data, _ := json.Marshal(map[string]any{"type": ev.Type, "message": viewOf(ev.Message)})
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", ev.Seq, ev.Type, data); err != nil {
			return err
		}
		flusher.Flush()
		return nil
	})
	if err != nil && !errors.Is(err, r.Context().Err()) {
		s.Log.Debug("event stream ended", "err", err)
	}
}
