// Package web serves Switchboard over HTTP: the REST API (package api) and
// the pages, with request logging and security headers.
package web

import (
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/switchboard-crm/switchboard/internal/web/api"
)

//go:embed templates/*.html
var templates embed.FS

var pages = template.Must(template.ParseFS(templates, "templates/*.html"))

// Handler returns the whole HTTP handler: API, pages and middleware.
func Handler(srv *api.Server, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	apiHandler := srv.Handler()
	mux.Handle("/api/", apiHandler)
	mux.Handle("/healthz", apiHandler)
	mux.Handle("/metrics", apiHandler)
	mux.HandleFunc("GET /{$}", home(srv))
	return secure(logRequests(log, mux))
}

// home shows what runs and the size of each queue.
func home(srv *api.Server) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		type queue struct {
			Slug, Name string
		}
		var queues []queue
		for _, d := range srv.Router.Config().Departments {
			queues = append(queues, queue{d.Slug, d.Name})
		}
		n, _ := srv.Store.CountMessages(r.Context())
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		pages.ExecuteTemplate(w, "home.html", map[string]any{
			"Version": srv.Version, "Messages": n, "Queues": queues, "Database": srv.Store.Dialect(),
		})
	}
}

func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'")
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
