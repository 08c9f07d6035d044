// Package web serves Switchboard over HTTP: the REST API (package api), the
// agent inbox (package ui) with its embedded templates and assets, request
// logging and security headers.
package web

import (
	"context"
	"embed"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/web/api"
	"github.com/switchboard-crm/switchboard/internal/web/ui"
)

//go:embed templates/*.html
var templates embed.FS

//go:embed static
var static embed.FS

// Handler returns the whole HTTP handler: API, inbox and middleware. The
// inbox's composer suggests answers from the same library index as the API
// (srv.Knowledge, loaded here when the caller left it nil).
func Handler(srv *api.Server, log *slog.Logger) http.Handler {
	if srv.Knowledge == nil {
		ix, err := srv.Store.AnswerIndex(context.Background(), knowledge.DefaultParams())
		if err != nil {
			log.Error("answers library: no suggestions in the composer", "err", err)
		}
		srv.Knowledge = ix
	}
	var sug ui.Suggester
	if srv.Knowledge != nil {
		sug = ui.IndexSuggester{Index: srv.Knowledge}
	}
	h, err := NewHandler(srv, log, sug)
	if err != nil {
		panic(err) // the templates are embedded: a test catches this before any release
	}
	return h
}

// NewHandler is Handler with the given suggestions for the composer (nil: none).
func NewHandler(srv *api.Server, log *slog.Logger, sug ui.Suggester) (http.Handler, error) {
	tpl, _ := fs.Sub(templates, "templates")
	st, _ := fs.Sub(static, "static")
	inbox, err := ui.New(ui.Options{Store: srv.Store, Bus: srv.Bus, Router: srv.Router, Log: log, Templates: tpl, Static: st, Suggester: sug, Answers: srv.Knowledge, Reports: srv.Reports})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	apiHandler := srv.Handler()
	mux.Handle("/api/", apiHandler)
	mux.Handle("/healthz", apiHandler)
	mux.Handle("/metrics", apiHandler)
	inbox.Register(mux)
	return secure(logRequests(log, mux)), nil
}

// csp allows only this site's own scripts, styles and forms: no inline
// script or style, no framing.
const csp = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'; script-src 'self'; style-src 'self'; connect-src 'self'"

func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", csp)
		next.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) { w.code = code; w.ResponseWriter.WriteHeader(code) }

// Unwrap lets http.ResponseController reach the flusher of live streams.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush passes flushes through, for Server-Sent Events.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		log.Debug("http", "method", r.Method, "path", r.URL.Path, "status", sw.code, "duration", time.Since(start))
	})
}
