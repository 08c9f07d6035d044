package report

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestCheckRefusesBadSettings(t *testing.T) {
	good := func() store.ReportSettings {
		return store.ReportSettings{Community: "fr", Recipients: []string{"DG <dg@example.com>"}, Weekday: 1, Hour: 9, TimeZone: "Europe/Paris", Lang: "fr"}
	}
	for name, change := range map[string]func(*store.ReportSettings){
		"no recipient": func(rs *store.ReportSettings) { rs.Recipients = nil },
		"bad address":  func(rs *store.ReportSettings) { rs.Recipients = []string{"not an address"} },
		"weekday":      func(rs *store.ReportSettings) { rs.Weekday = 7 },
		"hour":         func(rs *store.ReportSettings) { rs.Hour = 24 },
		"lang":         func(rs *store.ReportSettings) { rs.Lang = "de" },
		"time zone":    func(rs *store.ReportSettings) { rs.TimeZone = "Mars/Olympus" },
	} {
		rs := good()
		change(&rs)
		if err := Check(&rs); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	rs := good()
	if err := Check(&rs); err != nil || rs.Recipients[0] != "dg@example.com" {
		t.Errorf("good settings: %v %v", err, rs.Recipients)
	}
}

func TestDueAcrossDaylightSaving(t *testing.T) {
	rs := store.ReportSettings{Weekday: 1, Hour: 9, TimeZone: "Europe/Paris"}
	// Summer time ends on Sunday 25 October 2026: 09:00 in Paris is 07:00 UTC before, 08:00 after.
	for now, want := range map[time.Time]time.Time{
		time.Date(2026, 10, 19, 7, 30, 0, 0, time.UTC): time.Date(2026, 10, 19, 7, 0, 0, 0, time.UTC),
		time.Date(2026, 10, 26, 8, 0, 0, 0, time.UTC):  time.Date(2026, 10, 26, 8, 0, 0, 0, time.UTC),
		time.Date(2026, 10, 26, 7, 59, 0, 0, time.UTC): time.Date(2026, 10, 19, 7, 0, 0, 0, time.UTC),
	} {
		due, ok := Due(rs, now)
		if !due.Equal(want) {
			t.Errorf("at %s: due %s, want %s", now, due.UTC(), want)
		}
		if ok != (now.Sub(want) < Grace) {
			t.Errorf("at %s: in grace %v", now, ok)
		}
	}
}

// Terms and incident titles come from social text: they are escaped.
func TestWriteEscapesSocialText(t *testing.T) {
	r := &Report{Community: "fr", Lang: "en", Location: time.UTC, From: time.Unix(0, 0), To: time.Unix(0, 0).Add(Week),
		Terms:     []analytics.TermTrend{{Term: "<script>alert(1)</script>", Count: 5, Ratio: 2}},
		Incidents: []store.Incident{{ID: 1, Title: `"><img src=x onerror=alert(1)>`, Severity: "high", Status: "open"}}}
	m, err := Write(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(m.HTML, "<script>alert") || strings.Contains(m.HTML, "<img") || !strings.Contains(m.HTML, "&lt;script&gt;") {
		t.Fatalf("social text not escaped:\n%s", m.HTML)
	}
	if !strings.Contains(m.HTML, "<td>high</td>") || !strings.Contains(m.HTML, "<td>open</td>") {
		t.Fatalf("incident severity or status missing:\n%s", m.HTML)
	}
	if !strings.HasPrefix(m.Subject, "Weekly report · fr") || !strings.Contains(m.Text, "Messages: 0") {
		t.Fatalf("subject %q, text %q", m.Subject, m.Text)
	}
}
