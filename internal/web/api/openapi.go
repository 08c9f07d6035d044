package api

import (
	_ "embed"
	"net/http"
)

// OpenAPI is the OpenAPI 3 document of this API (internal/web/api/openapi.json).
//
//go:embed openapi.json
var OpenAPI []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(OpenAPI)
}
