// Package api serves Switchboard's REST API v1 (JSON), its OpenAPI document,
// health and Prometheus metrics. Every route is denied unless the caller's
// role grants it; agents see only their departments.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// ConfigChangedSubject is the NATS subject on which a process announces that
// it changed the routing configuration, so every process reloads it.
const ConfigChangedSubject = "sb.config.changed"

// Server holds what the API handlers need.
type Server struct {
	Store    *store.Store
	Bus      *pipeline.Bus
	Router   *route.Router
	Log      *slog.Logger
	Gatherer prometheus.Gatherer
	Version  string
	// MaxBodyBytes bounds an ingest request; 0 means 32 MiB.
	MaxBodyBytes int64

	touchMu sync.Mutex
	touched map[int64]time.Time
}

// Handler returns the HTTP handler of the API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.health)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.Gatherer, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /api/v1/openapi.json", s.openAPI)

	mux.Handle("POST /api/v1/ingest", s.allow(access.Ingest, s.ingest))
	mux.Handle("GET /api/v1/messages", s.allow(access.ReadMessages, s.listMessages))
	mux.Handle("GET /api/v1/messages/{id}", s.allow(access.ReadMessages, s.getMessage))
	mux.Handle("POST /api/v1/messages/{id}/assign", s.allow(access.WorkMessages, s.assign))
	mux.Handle("POST /api/v1/messages/{id}/reroute", s.allow(access.WorkMessages, s.reroute))
	mux.Handle("POST /api/v1/messages/{id}/status", s.allow(access.WorkMessages, s.setStatus))
	mux.Handle("POST /api/v1/messages/{id}/priority", s.allow(access.WorkMessages, s.setPriority))
	mux.Handle("GET /api/v1/events", s.allow(access.ReadMessages, s.events))

	mux.Handle("GET /api/v1/departments", s.allow(access.ReadConfig, s.listDepartments))
	mux.Handle("PUT /api/v1/departments/{slug}", s.allow(access.WriteConfig, s.putDepartment))
	mux.Handle("DELETE /api/v1/departments/{slug}", s.allow(access.WriteConfig, s.deleteDepartment))
	mux.Handle("GET /api/v1/rules", s.allow(access.ReadConfig, s.listRules))
	mux.Handle("PUT /api/v1/rules", s.allow(access.WriteConfig, s.putRules))

	mux.Handle("GET /api/v1/users", s.allow(access.ManageUsers, s.listUsers))
	mux.Handle("POST /api/v1/users", s.allow(access.ManageUsers, s.createUser))
	mux.Handle("PATCH /api/v1/users/{id}", s.allow(access.ManageUsers, s.updateUser))
	mux.Handle("GET /api/v1/tokens", s.allow(access.ManageUsers, s.listTokens))
	mux.Handle("POST /api/v1/tokens", s.allow(access.ManageUsers, s.createToken))
	mux.Handle("DELETE /api/v1/tokens/{id}", s.allow(access.ManageUsers, s.revokeToken))

	mux.Handle("GET /api/v1/dead-letters", s.allow(access.ReadDeadLetters, s.listDeadLetters))
	mux.Handle("POST /api/v1/dead-letters/{id}/retry", s.allow(access.RetryDeadLetter, s.retryDeadLetter))
	mux.Handle("GET /api/v1/audit", s.allow(access.ReadAudit, s.auditLog))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path+" (see /api/v1/openapi.json)")
	})
	return mux
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status := map[string]string{"status": "ok", "database": "ok", "nats": "ok", "version": s.Version}
	code := http.StatusOK
	if err := s.Store.Ping(ctx); err != nil {
		status["database"], status["status"], code = err.Error(), "degraded", http.StatusServiceUnavailable
	}
	if !s.Bus.Conn().IsConnected() {
		status["nats"], status["status"], code = s.Bus.Conn().Status().String(), "degraded", http.StatusServiceUnavailable
	}
	writeJSON(w, code, status)
}

// reloadRouting reads the routing configuration from the store, applies it
// here and tells the other processes to do the same.
func (s *Server) reloadRouting(ctx context.Context) error {
	cfg, err := s.Store.RoutingConfig(ctx)
	if err != nil {
		return err
	}
	if err := s.Router.Set(cfg); err != nil {
		return err
	}
	if err := s.Bus.Conn().Publish(ConfigChangedSubject, nil); err != nil {
		s.Log.Warn("announce routing change", "err", err)
	}
	return nil
}
