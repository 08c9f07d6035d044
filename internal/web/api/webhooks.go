package api

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/webhook"
)

// webhookInput is a new subscription; an empty secret is generated.
type webhookInput struct {
	URL         string   `json:"url"`
	Secret      string   `json:"secret"`
	Events      []string `json:"events"`
	Description string   `json:"description"`
}

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request) {
	items, err := s.Store.WebhookSubscriptions(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "event_types": webhook.EventTypes})
}

// createWebhook stores a subscription and shows its secret, this once.
func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request) {
	var in webhookInput
	if !decodeJSON(w, r, &in) {
		return
	}
	if err := webhook.CheckEvents(in.Events); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if in.Secret == "" {
		in.Secret = newWebhookSecret()
	}
	sub, err := s.Store.CreateWebhookSubscription(r.Context(), principalOf(r.Context()).actor(),
		store.WebhookSubscription{URL: in.URL, Secret: in.Secret, Events: in.Events, Description: in.Description})
	if err != nil {
		writeWebhookError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, struct {
		store.WebhookSubscription
		Secret string `json:"secret"`
	}{sub, sub.Secret})
}

func (s *Server) getWebhook(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	sub, err := s.Store.WebhookSubscription(r.Context(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, sub)
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	if err := s.Store.DeleteWebhookSubscription(r.Context(), principalOf(r.Context()).actor(), id); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func writeWebhookError(w http.ResponseWriter, err error) {
	if errors.Is(err, store.ErrInvalidWebhook) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeStoreError(w, err)
}

func newWebhookSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// webhookOf reads the subscription id of the path and checks that it exists.
func (s *Server) webhookOf(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return 0, false
	}
	if _, err := s.Store.WebhookSubscription(r.Context(), id); err != nil {
		writeStoreError(w, err)
		return 0, false
	}
	return id, true
}

// webhookDeliveries lists a subscription's deliveries, newest first.
func (s *Server) webhookDeliveries(w http.ResponseWriter, r *http.Request) {
	before, limit, err := pageParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	id, ok := s.webhookOf(w, r)
	if !ok {
		return
	}
	items, err := s.Store.WebhookDeliveries(r.Context(), id, before, limit)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// webhookAttempts is the delivery log: the last calls and their responses.
func (s *Server) webhookAttempts(w http.ResponseWriter, r *http.Request) {
	_, limit, err := pageParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	id, ok := s.webhookOf(w, r)
	if !ok {
		return
	}
	items, err := s.Store.WebhookAttempts(r.Context(), id, limit)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// redeliverWebhook sends a delivery again, whatever its status.
func (s *Server) redeliverWebhook(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok {
		return
	}
	did, ok := pathID(w, r, "delivery")
	if !ok {
		return
	}
	d, err := s.Store.WebhookDeliveryByID(r.Context(), did)
	if err == nil && d.SubscriptionID != id {
		err = fmt.Errorf("webhook delivery %d of subscription %d: %w", did, id, store.ErrNotFound)
	}
	if err == nil {
		err = s.Store.RedeliverWebhook(r.Context(), principalOf(r.Context()).actor(), did)
	}
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"redelivered": did})
}
