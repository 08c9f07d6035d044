package report_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/report"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// A community's incident of the week is in its report however many
// incidents other communities opened since (the report read the latest 500
// of every community and kept this one's).
func TestReportListsTheWeeksIncidentsAmongMany(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seed(t, s, 1, 1)
		start := monday.Add(10 * time.Hour)
		mine, err := s.OpenIncident(ctx, store.Actor{Name: "test"}, store.NewIncident{Community: "fr-market", Severity: "high",
			Title: "grève des contrôleurs", Alerts: []byte("[]"), StartedAt: start})
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		for i := range 520 {
			rows = append(rows, fmt.Sprintf("('uk-market', 'low', 'other %d', '[]', '', '[]', %d, %d, %d)", i,
				start.Add(time.Hour).UnixMicro(), start.UnixMicro(), start.UnixMicro()))
		}
		if _, err := s.DB().ExecContext(ctx, `INSERT INTO incidents (community, severity, title, terms, rule_name, alerts,
			started_at, opened_at, updated_at) VALUES `+strings.Join(rows, ", ")); err != nil {
			t.Fatal(err)
		}
		svc := &report.Service{Store: s, Figures: analytics.Service{Store: s}}
		r, err := svc.Build(ctx, "fr-market", "en", time.UTC, monday.AddDate(0, 0, 7))
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Incidents) != 1 || r.Incidents[0].ID != mine.ID {
			t.Fatalf("incidents of the week: %+v; want incident %d", r.Incidents, mine.ID)
		}
		if r, err = svc.Build(ctx, "fr-market", "en", time.UTC, monday); err != nil || len(r.Incidents) != 0 {
			t.Fatalf("incidents of the week before: %+v, %v; want none", r.Incidents, err)
		}
	})
}
