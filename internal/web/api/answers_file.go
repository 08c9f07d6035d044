package api

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"slices"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/knowledge/answerfile"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// answerImportResult is the answer to an import: what changed and the lines
// refused, by number.
type answerImportResult struct {
	store.AnswerImport
	Rejected []answerfile.LineError `json:"rejected"`
}

// importAnswers reads a JSON Lines or CSV file of answers. Bad lines are
// reported by number and the good rest imported in one transaction; a file
// with no good line changes nothing (422).
func (s *Server) importAnswers(w http.ResponseWriter, r *http.Request) {
	f, err := requestFormat(r)
	if err != nil {
		writeError(w, http.StatusUnsupportedMediaType, err.Error())
		return
	}
	rows, bad, err := answerfile.Read(http.MaxBytesReader(w, r.Body, s.maxBody()), f)
	if err != nil {
		code := http.StatusBadRequest
		if tooBig := (*http.MaxBytesError)(nil); errors.As(err, &tooBig) {
			code = http.StatusRequestEntityTooLarge
		}
		writeError(w, code, err.Error())
		return
	}
	recs, bad := s.importable(r, rows, bad)
	res := answerImportResult{Rejected: bad}
	if len(recs) == 0 {
		if len(bad) == 0 {
			writeError(w, http.StatusBadRequest, "no answers in the file")
			return
		}
		writeJSON(w, http.StatusUnprocessableEntity, res)
		return
	}
	if res.AnswerImport, err = s.importRecords(r, recs); err != nil {
		writeAnswerError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// importable refuses the approved lines of a caller who may not approve.
func (s *Server) importable(r *http.Request, rows []answerfile.Row, bad []answerfile.LineError) ([]knowledge.Record, []answerfile.LineError) {
	p := principalOf(r.Context())
	recs := make([]knowledge.Record, 0, len(rows))
	for _, row := range rows {
		if err := mayApprove(p, row.Record.State); err != nil {
			bad = append(bad, answerfile.LineError{Line: row.Line, Error: err.Error()})
			continue
		}
		recs = append(recs, row.Record)
	}
	return recs, sortedLines(bad)
}

func (s *Server) importRecords(r *http.Request, recs []knowledge.Record) (store.AnswerImport, error) {
	ix, err := s.index(r.Context())
	if err != nil {
		return store.AnswerImport{}, err
	}
	s.answers.mu.Lock()
	defer s.answers.mu.Unlock()
	res, err := s.Store.ImportAnswers(r.Context(), principalOf(r.Context()).actor(), recs)
	if err != nil {
		return res, err
	}
	ids := make([]string, len(res.Changed))
	for i, rec := range res.Changed {
		if err := ix.Put(rec.Answer); err != nil {
			return res, err
		}
		ids[i] = rec.ID
	}
	s.announceAnswers(ids...)
	return res, nil
}

func (s *Server) exportAnswers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := answerfile.ParseFormat(orDefault(q.Get("format"), "jsonl"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	filter := store.AnswerFilter{Kind: knowledge.Kind(q.Get("kind")), State: knowledge.State(q.Get("state"))}
	if err := checkAnswerFilter(&filter, ""); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	recs, err := s.Store.Answers(r.Context(), filter)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeAnswerFile(w, f, recs)
}

func writeAnswerFile(w http.ResponseWriter, f answerfile.Format, recs []knowledge.Record) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if f == answerfile.CSV {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="answers.csv"`)
		answerfile.WriteCSV(w, recs)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Content-Disposition", `attachment; filename="answers.jsonl"`)
	answerfile.WriteJSONL(w, recs)
}

// requestFormat reads the format of an uploaded file from ?format= or its
// Content-Type.
func requestFormat(r *http.Request) (answerfile.Format, error) {
	if v := r.URL.Query().Get("format"); v != "" {
		return answerfile.ParseFormat(v)
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "text/csv":
		return answerfile.CSV, nil
	case "application/x-ndjson", "application/jsonl", "application/json", "":
		return answerfile.JSONL, nil
	}
	return "", fmt.Errorf("content type %q: send text/csv or application/x-ndjson (or ?format=csv|jsonl)", mt)
}

func (s *Server) maxBody() int64 {
	if s.MaxBodyBytes > 0 {
		return s.MaxBodyBytes
	}
	return 32 << 20
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func sortedLines(bad []answerfile.LineError) []answerfile.LineError {
	if bad == nil {
		return []answerfile.LineError{}
	}
	slices.SortStableFunc(bad, func(a, b answerfile.LineError) int { return a.Line - b.Line })
	return bad
}
