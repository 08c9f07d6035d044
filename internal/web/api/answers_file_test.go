package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

type importResult struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Rejected  []struct {
		Line  int    `json:"line"`
		Error string `json:"error"`
	} `json:"rejected"`
}

func (h *harness) export(format string) string {
	h.t.Helper()
	req, _ := http.NewRequest("GET", h.url+"/api/v1/answers/export?format="+format, nil)
	req.Header.Set("Authorization", "Bearer "+h.admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		h.t.Fatalf("export %s: %d %s", format, resp.StatusCode, raw)
	}
	return string(raw)
}

func (h *harness) answers() []json.RawMessage {
	h.t.Helper()
	var list struct{ Items []json.RawMessage }
	h.do("GET", "/api/v1/answers", h.admin, "", "", &list)
	return list.Items
}

const importFile = `{"id":"refund","title":"Remboursement","body":"Bonjour {{author.name}}","language":"fr","state":"approved","tags":["colis"],"examples":["colis perdu"]}
{"id":"bad-state","title":"x","state":"published"}
{"id":"climate","kind":"key_message","title":"Climate","body":"=1+1 we halve emissions by 2030","language":"en","expires_at":"2030-01-01T00:00:00Z"}
{"id":"broken",
`

func TestImportReportsBadLinesAndKeepsTheRest(t *testing.T) {
	h := newAnswersHarness(t)
	var res importResult
	if code := h.do("POST", "/api/v1/answers/import", h.admin, "application/x-ndjson", importFile, &res); code != 200 {
		t.Fatalf("import: %d %+v", code, res)
	}
	if res.Created != 2 || len(res.Rejected) != 2 || res.Rejected[0].Line != 2 || res.Rejected[1].Line != 4 ||
		!strings.Contains(res.Rejected[0].Error, "published") {
		t.Fatalf("import result %+v; want 2 created, lines 2 and 4 rejected", res)
	}
	if n := len(h.answers()); n != 2 {
		t.Fatalf("%d answers stored, want 2", n)
	}
	bad := "{\"id\":\"x\"}\nnot json\n"
	if code := h.do("POST", "/api/v1/answers/import", h.admin, "application/x-ndjson", bad, &res); code != 422 || len(res.Rejected) != 2 {
		t.Fatalf("fully bad file: %d %+v, want 422 and both lines", code, res)
	}
	if code := h.do("POST", "/api/v1/answers/import", h.admin, "text/csv", "id,colour\nx,red\n", nil); code != 400 {
		t.Fatalf("bad CSV header: %d", code)
	}
	if code := h.do("POST", "/api/v1/answers/import", h.admin, "application/x-ndjson", "\n\n", nil); code != 400 {
		t.Fatalf("empty file: %d", code)
	}
	if code := h.do("POST", "/api/v1/answers/import", h.admin, "application/pdf", "x", nil); code != 415 {
		t.Fatalf("pdf: %d", code)
	}
	if code := h.do("POST", "/api/v1/answers/import", h.token("agent", 0), "application/x-ndjson", importFile, nil); code != 403 {
		t.Fatalf("agent import: %d", code)
	}
	if n := len(h.answers()); n != 2 {
		t.Fatalf("%d answers after refused imports, want 2", n)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	h := newAnswersHarness(t)
	h.do("POST", "/api/v1/answers/import", h.admin, "application/x-ndjson", importFile, nil)
	for _, format := range []string{"jsonl", "csv"} {
		file := h.export(format)
		if strings.Contains(file, "\n=1+1") || strings.Contains(file, ",=1+1") {
			t.Fatalf("CSV export starts a cell with a formula:\n%s", file)
		}
		var res importResult
		if code := h.do("POST", "/api/v1/answers/import?format="+format, h.admin, "", file, &res); code != 200 || res.Unchanged != 2 || res.Created+res.Updated != 0 {
			t.Fatalf("%s re-import into the same library: %d %+v; want 2 unchanged", format, code, res)
		}
		other := newAnswersHarness(t)
		if code := other.do("POST", "/api/v1/answers/import?format="+format, other.admin, "", file, &res); code != 200 || res.Created != 2 {
			t.Fatalf("%s import into an empty library: %d %+v", format, code, res)
		}
		if got, want := comparable(other.answers()), comparable(h.answers()); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s round trip:\n got %v\nwant %v", format, got, want)
		}
	}
}

// comparable drops the time of change, which the store decides.
func comparable(items []json.RawMessage) []map[string]any {
	out := make([]map[string]any, len(items))
	for i, raw := range items {
		json.Unmarshal(raw, &out[i])
		delete(out[i], "updated_at")
	}
	return out
}
