package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// MaxIngestLines bounds one ingest request.
const MaxIngestLines = 50_000

// ingest takes one JSON message (Content-Type application/json) or a batch
// in JSON Lines (application/x-ndjson). Valid lines are accepted even when
// others are rejected; each rejected line says why.
func (s *Server) ingest(w http.ResponseWriter, r *http.Request) {
	limit := s.MaxBodyBytes
	if limit <= 0 {
		limit = 32 << 20
	}
	body := http.MaxBytesReader(w, r.Body, limit)
	lines, err := readIngestBody(r, body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body larger than %d bytes: send smaller batches", limit))
			return
		}
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	res := s.Bus.Intake(r.Context(), s.Store, lines)
	code := ingestStatus(w, res)
	for _, n := range res.Retry {
		res.Rejected = append(res.Rejected, pipeline.Rejection{Line: n, Error: "not accepted: " + pipeline.ErrBusy.Error()})
	}
	writeJSON(w, code, res)
}

func ingestStatus(w http.ResponseWriter, res pipeline.IntakeResult) int {
	switch {
	case res.Accepted == 0 && len(res.Retry) > 0:
		w.Header().Set("Retry-After", "5")
		return http.StatusServiceUnavailable
	case res.Accepted == 0 && len(res.Rejected) > 0:
		return http.StatusBadRequest
	case res.Accepted == 0:
		return http.StatusOK
	}
	return http.StatusAccepted
}

func readIngestBody(r *http.Request, body io.Reader) ([]message.Line, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		data, err := io.ReadAll(io.LimitReader(body, message.MaxLineBytes+1))
		if err != nil {
			return nil, err
		}
		if len(data) > message.MaxLineBytes {
			return []message.Line{{N: 1, Err: fmt.Errorf("message is longer than %d bytes", message.MaxLineBytes)}}, nil
		}
		return []message.Line{{N: 1, Data: data}}, nil
	}
	if ct != "application/x-ndjson" && ct != "application/jsonl" && ct != "" {
		return nil, fmt.Errorf("content type %q: send application/json (one message) or application/x-ndjson (one per line)", ct)
	}
	var lines []message.Line
	lr := message.NewLineReader(body)
	for {
		l, err := lr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(lines) == MaxIngestLines {
			return nil, fmt.Errorf("more than %d lines: send smaller batches", MaxIngestLines)
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 {
		return nil, errors.New("empty body: send one JSON message or JSON Lines")
	}
	return lines, nil
}
