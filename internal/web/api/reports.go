package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/report"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// reportService is s.Reports, or one made from the environment.
func (s *Server) reportService(w http.ResponseWriter) (*report.Service, bool) {
	if s.Reports != nil {
		return s.Reports, true
	}
	svc, err := report.FromEnv(s.Store, s.Log)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return nil, false
	}
	return svc, true
}

func (s *Server) getReportSettings(w http.ResponseWriter, r *http.Request) {
	rs, err := s.Store.ReportSettings(r.Context(), r.PathValue("slug"))
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, rs)
}

// reportSettingsInput is what an admin sets; enabled defaults to true.
type reportSettingsInput struct {
	Recipients []string `json:"recipients"`
	Weekday    *int     `json:"weekday"`
	Hour       *int     `json:"hour"`
	TimeZone   string   `json:"timezone"`
	Lang       string   `json:"lang"`
	Enabled    *bool    `json:"enabled"`
}

func (s *Server) putReportSettings(w http.ResponseWriter, r *http.Request) {
	var in reportSettingsInput
	if !decodeJSON(w, r, &in) {
		return
	}
	if in.Weekday == nil || in.Hour == nil {
		writeError(w, http.StatusBadRequest, "weekday (0 Sunday to 6 Saturday) and hour (0 to 23) are required")
		return
	}
	rs := store.ReportSettings{Community: r.PathValue("slug"), Recipients: in.Recipients, Weekday: *in.Weekday, Hour: *in.Hour,
		TimeZone: in.TimeZone, Lang: in.Lang, Enabled: in.Enabled == nil || *in.Enabled}
	if err := report.Check(&rs); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rs, err := s.Store.PutReportSettings(r.Context(), principalOf(r.Context()).actor(), rs)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, rs)
}

// previewReport shows the report's HTML: of the week ending at ?to (a day
// or an RFC 3339 time; now by default), in ?lang or the settings' language.
func (s *Server) previewReport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	lang := q.Get("lang")
	if lang != "" && lang != "fr" && lang != "en" {
		writeError(w, http.StatusBadRequest, "lang "+lang+": want fr or en")
		return
	}
	to := time.Now().Add(time.Hour)
	if v := q.Get("to"); v != "" {
		t, err := analytics.ParseTime(v)
		if err != nil {
			writeError(w, http.StatusBadRequest, "to: "+err.Error())
			return
		}
		to = t
	}
	svc, ok := s.reportService(w)
	if !ok {
		return
	}
	m, _, err := svc.Render(r.Context(), r.PathValue("slug"), lang, to)
	if err != nil {
		writeReportError(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write([]byte(m.HTML))
}

// sendReport sends the report of the last seven days now.
func (s *Server) sendReport(w http.ResponseWriter, r *http.Request) {
	svc, ok := s.reportService(w)
	if !ok {
		return
	}
	sent, err := svc.SendNow(r.Context(), r.PathValue("slug"))
	switch {
	case errors.Is(err, report.ErrNoSMTP):
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": err.Error(), "report": sent})
	case err != nil && sent.ID != 0:
		writeJSON(w, http.StatusBadGateway, map[string]any{"error": err.Error(), "report": sent})
	case err != nil:
		writeReportError(w, err)
	default:
		writeJSON(w, http.StatusOK, sent)
	}
}

// listReports lists the community's reports sent or tried, newest first.
func (s *Server) listReports(w http.ResponseWriter, r *http.Request) {
	items, err := s.Store.SentReports(r.Context(), r.PathValue("slug"), 100)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func writeReportError(w http.ResponseWriter, err error) {
	if errors.Is(err, report.ErrInvalid) || errors.Is(err, analytics.ErrBadFilter) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeStoreError(w, err)
}
