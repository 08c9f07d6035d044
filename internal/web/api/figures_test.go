package api_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func figureLine(i int, community, text string) string {
	return fmt.Sprintf(`{"channel":"mastodon","external_id":"f%d","text":%q,"created_at":"2015-02-22T%02d:10:00Z","community":%q,"author":{"handle":"@a%d@b.c","followers":5}}`,
		i, text, i%24, community, i)
}

type volumeAnswer struct {
	Volume []struct {
		Time  time.Time `json:"time"`
		Key   string    `json:"key"`
		Count int64     `json:"count"`
	} `json:"volume"`
}

// waitVolume waits for the rollup worker to count n messages on 2015-02-22.
func (h *harness) waitVolume(n int64) {
	h.t.Helper()
	var got int64
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var v volumeAnswer
		h.do("GET", "/api/v1/figures/volume?from=2015-02-22&to=2015-02-22", h.admin, "", "", &v)
		got = 0
		for _, p := range v.Volume {
			got += p.Count
		}
		if got == n {
			return
		}
	}
	h.t.Fatalf("the rollups count %d messages, want %d", got, n)
}

func TestFiguresAPI(t *testing.T) {
	h := newHarness(t)
	var lines []string
	for i := 0; i < 30; i++ {
		community := "us-air"
		if i%3 == 0 {
			community = "delta"
		}
		lines = append(lines, figureLine(i, community, "flight cancelled again #stranded =HYPERLINK(\"x\")"))
	}
	h.ingest(lines...)
	h.waitStored(30)
	h.waitVolume(30)

	analyst := h.token("analyst", h.user("an@example.com", "analyst"))
	agent := h.token("agent", h.user("ag@example.com", "agent", "relation-client"))
	q := "?from=2015-02-22&to=2015-02-23"
	for _, c := range []struct {
		path, token string
		want        int
	}{
		{"/api/v1/figures/volume" + q, "", http.StatusUnauthorized},
		{"/api/v1/figures/volume" + q, agent, http.StatusForbidden},
		{"/api/v1/figures/volume" + q + "&by=community", analyst, http.StatusOK},
		{"/api/v1/figures/sentiment" + q + "&interval=hour&community=us-air", analyst, http.StatusOK},
		{"/api/v1/figures/sla" + q + "&by=agent", analyst, http.StatusOK},
		{"/api/v1/figures/backlog?community=delta", analyst, http.StatusOK},
		{"/api/v1/figures/terms" + q + "&limit=5", analyst, http.StatusOK},
		{"/api/v1/figures/share-of-voice" + q, analyst, http.StatusOK},
		{"/api/v1/figures/volume?from=2015-02-23&to=2015-02-22", analyst, http.StatusBadRequest},
		{"/api/v1/figures/volume?from=2015-02-22&to=2015-02-22T00:00:00Z", analyst, http.StatusBadRequest},
		{"/api/v1/figures/volume?from=yesterday", analyst, http.StatusBadRequest},
		{"/api/v1/figures/volume?from=2015-01-01&to=2015-03-01&interval=hour", analyst, http.StatusBadRequest},
		{"/api/v1/figures/volume" + q + "&interval=week", analyst, http.StatusBadRequest},
		{"/api/v1/figures/volume" + q + "&by=author", analyst, http.StatusBadRequest},
		{"/api/v1/figures/volume?from=2000-01-01&to=2015-03-01", analyst, http.StatusBadRequest},
		{"/api/v1/figures/sla" + q + "&by=channel", analyst, http.StatusBadRequest},
		{"/api/v1/figures/terms" + q + "&limit=0", analyst, http.StatusBadRequest},
		{"/api/v1/figures/sentiment" + q + "&community=nowhere", analyst, http.StatusBadRequest},
		{"/api/v1/figures/volume" + q + "&format=xml", analyst, http.StatusBadRequest},
	} {
		if got := h.do("GET", c.path, c.token, "", "", nil); got != c.want {
			t.Errorf("GET %s: %d, want %d", c.path, got, c.want)
		}
	}

	var by volumeAnswer
	h.do("GET", "/api/v1/figures/volume"+q+"&by=community", analyst, "", "", &by)
	counts := map[string]int64{}
	for _, p := range by.Volume {
		counts[p.Key] += p.Count
	}
	if counts["us-air"] != 20 || counts["delta"] != 10 {
		t.Errorf("volume by community %v, want us-air 20, delta 10", counts)
	}

	// The numbers as CSV; an untrusted term that looks like a formula is quoted.
	req, _ := http.NewRequest("GET", h.url+"/api/v1/figures/terms"+q+"&format=csv", nil)
	req.Header.Set("Authorization", "Bearer "+analyst)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(raw)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("terms csv: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.HasPrefix(body, "term,count,baseline,ratio\n") || !strings.Contains(body, "#stranded,30,0,7\n") || !strings.Contains(body, "cancelled,30,0,7\n") {
		t.Errorf("terms csv:\n%s", body)
	}
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "=") || strings.HasPrefix(l, "\"=") {
			t.Errorf("a formula reaches the CSV: %q", l)
		}
	}
}
