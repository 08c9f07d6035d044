package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
)

// maxTerms bounds the rising terms one call returns.
const maxTerms = 200

// figure answers one dashboard figure as JSON, or as CSV with ?format=csv.
func (s *Server) figure(name string, get func(ctx context.Context, f analytics.Filter, r *http.Request) (any, analytics.Table, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		format := r.URL.Query().Get("format")
		if format != "" && format != "json" && format != "csv" {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("format %q: json or csv", format))
			return
		}
		f, err := analytics.FilterFromQuery(r.URL.Query(), time.Now())
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		v, table, err := get(r.Context(), f, r)
		if errors.Is(err, analytics.ErrBadFilter) {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		if err != nil {
			writeStoreError(w, err)
			return
		}
		if format == "csv" {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
			w.Header().Set("X-Content-Type-Options", "nosniff")
			if err := table.WriteCSV(w); err != nil {
				s.Log.Warn("figure csv", "figure", name, "err", err)
			}
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"from": f.From, "to": f.To, "community": f.Community, name: v})
	}
}

func (s *Server) analytics() analytics.Service { return analytics.Service{Store: s.Store} }

func (s *Server) figureVolume(ctx context.Context, f analytics.Filter, _ *http.Request) (any, analytics.Table, error) {
	pts, err := s.analytics().Volume(ctx, f)
	return pts, analytics.PointsTable(pts), err
}

func (s *Server) figureSentiment(ctx context.Context, f analytics.Filter, _ *http.Request) (any, analytics.Table, error) {
	pts, err := s.analytics().Sentiment(ctx, f)
	return pts, analytics.SentimentTable(pts), err
}

func (s *Server) figureSLA(ctx context.Context, f analytics.Filter, _ *http.Request) (any, analytics.Table, error) {
	figs, err := s.analytics().SLA(ctx, f)
	return figs, analytics.SLATable(figs), err
}

func (s *Server) figureBacklog(ctx context.Context, f analytics.Filter, r *http.Request) (any, analytics.Table, error) {
	if r.URL.Query().Get("history") == "1" {
		pts, err := s.analytics().BacklogHistory(ctx, f)
		return pts, analytics.PointsTable(pts), err
	}
	pts, err := s.analytics().Backlog(ctx, f)
	return pts, analytics.PointsTable(pts), err
}

func (s *Server) figureTerms(ctx context.Context, f analytics.Filter, r *http.Request) (any, analytics.Table, error) {
	n := 20
	if v := r.URL.Query().Get("limit"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 || n > maxTerms {
			return nil, analytics.Table{}, fmt.Errorf("%w: limit %q: 1 to %d", analytics.ErrBadFilter, v, maxTerms)
		}
	}
	terms, err := s.analytics().RisingTerms(ctx, f, n)
	return terms, analytics.TermsTable(terms), err
}

func (s *Server) figureShare(ctx context.Context, f analytics.Filter, _ *http.Request) (any, analytics.Table, error) {
	shares, err := s.analytics().ShareOfVoice(ctx, f)
	return shares, analytics.ShareTable(shares), err
}
