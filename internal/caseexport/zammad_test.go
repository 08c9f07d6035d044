package caseexport_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/caseexport"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// zammadExample reads the Zammad target of docs/case-export.md.
func zammadExample(t *testing.T) caseexport.Spec {
	t.Helper()
	raw, err := os.ReadFile("../../docs/case-export.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(raw), "case-targets/zammad -d @- <<'JSON'\n")
	body, _, ok2 := strings.Cut(after, "\nJSON\n")
	if !ok || !ok2 {
		t.Fatal("no Zammad target in docs/case-export.md")
	}
	var spec caseexport.Spec
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&spec); err != nil {
		t.Fatalf("the documented Zammad target is not valid: %v", err)
	}
	return spec
}

// The documented Zammad target is accepted and makes the request Zammad's
// POST /api/v1/tickets takes, whatever the message text.
func TestZammadExampleTarget(t *testing.T) {
	s := storetest.SQLite(t) // one database is enough: the store part is tested on both elsewhere
	var got map[string]any
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		if r.URL.Path != "/api/v1/tickets" || json.Unmarshal(raw, &got) != nil {
			http.Error(w, "bad request: "+string(raw), 400)
			return
		}
		auth = r.Header.Get("Authorization")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id": 1043, "number": "31043", "title": "x"}`)
	}))
	defer srv.Close()
	spec := zammadExample(t)
	spec.Name, spec.URL = "zammad", strings.Replace(spec.URL, "https://help.example.com", srv.URL, 1)
	e := exporter(t, s, srv.URL, 1000)
	if _, err := e.Put(context.Background(), store.Actor{Name: "admin"}, spec); err != nil {
		t.Fatalf("the documented target is refused: %v", err)
	}
	id := conversation(t, s)
	c, err := e.Create(context.Background(), store.Actor{Name: "ana"}, "zammad", id, false)
	if err != nil || c.Status != store.CaseCreated || c.ExternalID != "1043" || c.ExternalURL != "https://help.example.com/#ticket/zoom/1043" {
		t.Fatalf("case %+v, %v", c, err)
	}
	article, _ := got["article"].(map[string]any)
	if got["customer"] != "social-media@example.com" || got["group"] != "Social relation-client" || got["title"] != "[mastodon] Mon colis est perdu" ||
		article["type"] != "note" || !strings.Contains(article["body"].(string), evil) || auth != "Token token=REPLACE-WITH-THE-ZAMMAD-TOKEN" {
		t.Fatalf("Zammad received %v (auth %q)", got, auth)
	}
}
