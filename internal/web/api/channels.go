package api

import (
	"errors"
	"net/http"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// listKinds lists the networks Switchboard can connect to.
func (s *Server) listKinds(w http.ResponseWriter, r *http.Request) {
	type kind struct {
		Name     string   `json:"name"`
		Channels []string `json:"channels"`
		Secrets  []string `json:"secrets"`
	}
	out := []kind{}
	if s.Channels != nil {
		for _, n := range s.Channels.Kinds.Names() {
			k, _ := s.Channels.Kinds.Kind(n)
			out = append(out, kind{k.Name, accountStrings(k.Channels), accountStrings(k.Secrets)})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request) {
	if !s.channelsOn(w) {
		return
	}
	items, err := s.Channels.List(r.Context())
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (s *Server) getAccount(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok || !s.channelsOn(w) {
		return
	}
	v, err := s.Channels.Get(r.Context(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) createAccount(w http.ResponseWriter, r *http.Request) {
	var in channel.AccountInput
	if !s.channelsOn(w) || !decodeJSON(w, r, &in) {
		return
	}
	acc, err := s.Channels.Create(r.Context(), principalOf(r.Context()).actor(), in)
	if err != nil {
		writeAccountError(w, err)
		return
	}
	s.writeAccount(w, r, http.StatusCreated, acc.ID)
}

func (s *Server) updateAccount(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	var in channel.AccountInput
	if !ok || !s.channelsOn(w) || !decodeJSON(w, r, &in) {
		return
	}
	if _, err := s.Channels.Update(r.Context(), principalOf(r.Context()).actor(), id, in); err != nil {
		writeAccountError(w, err)
		return
	}
	s.writeAccount(w, r, http.StatusOK, id)
}

func (s *Server) deleteAccount(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id")
	if !ok || !s.channelsOn(w) {
		return
	}
	if err := s.Channels.Delete(r.Context(), principalOf(r.Context()).actor(), id); err != nil {
		writeStoreError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) writeAccount(w http.ResponseWriter, r *http.Request, code int, id int64) {
	v, err := s.Channels.Get(r.Context(), id)
	if err != nil {
		writeStoreError(w, err)
		return
	}
	writeJSON(w, code, v)
}

func (s *Server) channelsOn(w http.ResponseWriter) bool {
	if s.Channels == nil {
		writeError(w, http.StatusServiceUnavailable, "channels are not configured on this server")
		return false
	}
	return true
}

func writeAccountError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, channel.ErrInvalid):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, channel.ErrNoKey):
		writeError(w, http.StatusUnprocessableEntity, err.Error())
	default:
		writeStoreError(w, err)
	}
}

// metaWebhook passes Meta's calls (public: Meta signs them) to the connector.
func (s *Server) metaWebhook(w http.ResponseWriter, r *http.Request) {
	if s.MetaWebhook == nil {
		writeError(w, http.StatusNotFound, "no Meta account is configured")
		return
	}
	s.MetaWebhook.ServeHTTP(w, r)
}

func accountStrings(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
