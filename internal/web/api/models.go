package api

import (
	"context"
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// ModelManager retrains and swaps the routing model of every process
// (implemented by app.App).
type ModelManager interface {
	TrainRouting(ctx context.Context, actor store.Actor) (store.RoutingModel, error)
	ActivateRouting(ctx context.Context, actor store.Actor, version string) error
	RollbackRouting(ctx context.Context, actor store.Actor) error
	RoutingModels(ctx context.Context) ([]store.RoutingModel, string, error)
}

func (s *Server) listModels(w http.ResponseWriter, r *http.Request) {
	list, inUse, err := s.Models.RoutingModels(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"in_use": inUse, "items": list})
}

// trainModel retrains the routing model on the starter data and every
// correction, and puts it in use.
func (s *Server) trainModel(w http.ResponseWriter, r *http.Request) {
	m, err := s.Models.TrainRouting(r.Context(), principalOf(r.Context()).actor())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, m)
}

func (s *Server) activateModel(w http.ResponseWriter, r *http.Request) {
	if err := s.Models.ActivateRouting(r.Context(), principalOf(r.Context()).actor(), r.PathValue("version")); err != nil {
		writeStoreError(w, err)
		return
	}
	s.listModels(w, r)
}

func (s *Server) rollbackModel(w http.ResponseWriter, r *http.Request) {
	if err := s.Models.RollbackRouting(r.Context(), principalOf(r.Context()).actor()); err != nil {
		writeStoreError(w, err)
		return
	}
	s.listModels(w, r)
}
