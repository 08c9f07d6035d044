package report_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/mail/mailtest"
	"github.com/switchboard-crm/switchboard/internal/report"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// A mail server that never answers does not hold a send past its context
// (the scheduler's shutdown, the HTTP request); the report is recorded as
// failed, so it is tried again after report.Retry.
func TestSendGivesUpOnASilentMailServer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seed(t, s, 1, 1)
		settings(t, s, store.ReportSettings{Community: "fr-market", Recipients: []string{"dg@example.com"}, Weekday: 1, Hour: 9,
			TimeZone: "Europe/Paris", Lang: "en", Enabled: true})
		clock := monday.Add(8 * time.Hour)
		svc := &report.Service{Store: s, Figures: analytics.Service{Store: s}, Now: func() time.Time { return clock },
			Log: slog.New(slog.NewTextHandler(io.Discard, nil)), SMTP: incident.SMTP{Addr: mailtest.Silent(t), From: "sb@example.com"}}
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		done := make(chan error, 1)
		go func() { _, err := svc.SendNow(ctx, "fr-market"); done <- err }()
		select {
		case err := <-done:
			if err == nil {
				t.Fatal("sent through a server that never answered")
			}
		case <-time.After(5 * time.Second):
			t.Fatal("SendNow still waiting for the mail server 5 s after its context ended")
		}
		sent, err := s.SentReports(context.Background(), "fr-market", 10)
		if err != nil || len(sent) != 1 || sent[0].Status != store.ReportFailed || sent[0].Error == "" {
			t.Fatalf("recorded %+v, %v; want one failed with its reason", sent, err)
		}
	})
}

// Sending now the report of a community without report settings is "not
// found", and records no failed report (it was a 502 with a failure recorded).
func TestSendNowWithoutSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		seed(t, s, 1, 1)
		sink := mailtest.Start(t)
		svc := &report.Service{Store: s, Figures: analytics.Service{Store: s}, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			SMTP: incident.SMTP{Addr: sink.Addr, From: "sb@example.com"}}
		got, err := svc.SendNow(context.Background(), "fr-market")
		if !errors.Is(err, store.ErrNotFound) || got.ID != 0 {
			t.Fatalf("send now without settings: %+v, %v; want ErrNotFound and no report", got, err)
		}
		if sent, err := s.SentReports(context.Background(), "fr-market", 10); err != nil || len(sent) != 0 || len(sink.Mails()) != 0 {
			t.Fatalf("recorded %+v, %v, %d mails; want none", sent, err, len(sink.Mails()))
		}
	})
}
