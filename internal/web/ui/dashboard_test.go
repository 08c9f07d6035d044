package ui_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
)

func TestDashboardsForAnalystsWithCSV(t *testing.T) {
	h := newHarness(t)
	for i := 0; i < 6; i++ {
		h.ingest(fmt.Sprint("d", i), "flight cancelled #stranded")
	}
	svc := analytics.Service{Store: h.app.Store}
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		pts, err := svc.Volume(context.Background(), analytics.Filter{From: day, To: day.AddDate(0, 0, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if len(pts) == 1 && pts[0].Count == 6 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("rollups %+v, want 6 messages", pts)
		}
	}
	h.user("ana@example.com", "analyst")
	h.user("agent@example.com", "agent", "relation-client")
	agent := h.browser()
	agent.signIn("agent@example.com")
	if code, _ := agent.get("/dashboards"); code != http.StatusForbidden {
		t.Errorf("agent on the dashboards: %d", code)
	}
	if code, _ := agent.get("/dashboards/csv/volume?from=2026-11-23&to=2026-11-23"); code != http.StatusForbidden {
		t.Errorf("agent on a dashboard CSV: %d", code)
	}
	analyst := h.browser()
	analyst.signIn("ana@example.com")
	code, body := analyst.get("/dashboards?from=2026-11-23&to=2026-11-23&interval=hour")
	if code != 200 || !strings.Contains(body, `id="dash-volume"`) || !strings.Contains(body, "<svg") ||
		!strings.Contains(body, "/dashboards/csv/volume?") || !strings.Contains(body, "stranded") {
		t.Fatalf("analyst dashboard: %d\n%s", code, body)
	}
	// The CSV links carry the dashboard's filter, so the file holds the numbers drawn.
	m := regexp.MustCompile(`href="/dashboards/csv/volume\?([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no volume CSV link")
	}
	link, err := url.ParseQuery(html.UnescapeString(m[1]))
	if err != nil || link.Get("from") != "2026-11-23T00:00:00Z" || link.Get("to") != "2026-11-24T00:00:00Z" || link.Get("interval") != "hour" || link.Get("by") != "channel" {
		t.Errorf("the volume CSV link asks for %v (%v), not the dashboard's filter", link, err)
	}
	if code, body := analyst.get("/dashboards?from=2026-11-24&to=2026-11-20"); code != http.StatusBadRequest || !strings.Contains(body, "not before") {
		t.Errorf("a reversed range: %d", code)
	}
	// The charts draw 800 bars at most: a longer range is refused, not cut to its first 800 days.
	if code, body := analyst.get("/dashboards?from=2022-01-01&to=2026-11-23"); code != http.StatusBadRequest || !strings.Contains(body, "at most 800 days") {
		t.Errorf("a range of almost five years: %d", code)
	}
	if code, _ := analyst.get("/dashboards?from=2025-01-01&to=2026-11-23"); code != http.StatusOK {
		t.Errorf("a range of 23 months: %d", code)
	}
	if code, _ := analyst.get("/dashboards/c/nowhere"); code != http.StatusBadRequest {
		t.Errorf("an unknown community: %d", code)
	}
	code, csv := analyst.get("/dashboards/csv/volume?from=2026-11-23&to=2026-11-23&by=channel")
	if code != 200 || !strings.HasPrefix(csv, "time,key,count\n") || !strings.Contains(csv, "2026-11-23T00:00:00Z,mastodon,6\n") {
		t.Errorf("volume CSV: %d\n%s", code, csv)
	}
	if code, _ := analyst.get("/dashboards/csv/passwords?from=2026-11-23&to=2026-11-23"); code != http.StatusBadRequest {
		t.Errorf("an unknown figure: %d", code)
	}
}
