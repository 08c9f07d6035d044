package report_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/mail/mailtest"
	"github.com/switchboard-crm/switchboard/internal/report"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// open gives two handles on one database, as two processes have.
func open(t *testing.T, url, dir string) (*store.Store, *store.Store) {
	t.Helper()
	var out [2]*store.Store
	for i := range out {
		s, err := store.Open(context.Background(), url, dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if _, err := s.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		out[i] = s
	}
	return out[0], out[1]
}

// Four schedulers over two connections to one database tick at the same
// moments, concurrently: each week's report is sent once.
func TestConcurrentProcessesSendOnce(t *testing.T) {
	for name, handles := range map[string]func(t *testing.T) (*store.Store, *store.Store){
		"sqlite":   func(t *testing.T) (*store.Store, *store.Store) { return open(t, "", t.TempDir()) },
		"postgres": func(t *testing.T) (*store.Store, *store.Store) { return open(t, storetest.PostgresSchemaURL(t), "") },
	} {
		t.Run(name, func(t *testing.T) {
			a, b := handles(t)
			seed(t, a, 2, 3)
			settings(t, a, store.ReportSettings{Community: "fr-market", Recipients: []string{"dg@example.com"}, Weekday: 1, Hour: 9,
				TimeZone: "Europe/Paris", Lang: "fr", Enabled: true})
			sink := mailtest.Start(t)
			var mu sync.Mutex
			clock := monday
			now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
			var procs []*report.Service
			for _, s := range []*store.Store{a, b, a, b} {
				procs = append(procs, &report.Service{Store: s, Figures: analytics.Service{Store: s}, Now: now,
					Log: slog.New(slog.NewTextHandler(io.Discard, nil)), SMTP: incident.SMTP{Addr: sink.Addr, From: "sb@example.com"}})
			}
			for ; now().Before(monday.AddDate(0, 0, 14)); clock = now().Add(time.Hour) {
				var wg sync.WaitGroup
				for _, p := range procs {
					wg.Add(1)
					go func() { defer wg.Done(); p.Tick(context.Background()) }()
				}
				wg.Wait()
			}
			if n := len(sink.Mails()); n != 2 {
				t.Fatalf("%d mails over two weeks, want 2", n)
			}
		})
	}
}
