package report_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/mail/mailtest"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/report"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// monday is the first day of the test weeks (UTC).
var monday = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)

func msg(id, community string, at time.Time, s message.Sentiment) *message.Message {
	m := &message.Message{Channel: "mastodon", ExternalID: id, Text: "vol annulé encore #grève", CreatedAt: at, ReceivedAt: at, RoutedAt: at,
		Author: message.Author{Handle: "@u" + id}, Community: community}
	m.Analysis = message.Analysis{Lang: "fr", Sentiment: s, Class: message.ClassComplaint, Confidence: 0.9}
	m.Decision = message.Decision{Department: "relation-client", Priority: message.PriorityNormal, Status: message.StatusNew, Reason: "test"}
	return m
}

// seed stores prev messages in the week before monday 08:00 UTC and now in
// the week after, in fr-market, and one in uk-market; then rolls them up.
func seed(t *testing.T, s *store.Store, prev, now int) {
	t.Helper()
	var ms []*message.Message
	start := monday.Add(8 * time.Hour) // Monday 09:00 in Paris
	for i := 0; i < prev; i++ {
		ms = append(ms, msg(fmt.Sprint("p", i), "fr-market", start.Add(-time.Duration(i+1)*time.Hour), message.Neutral))
	}
	for i := 0; i < now; i++ {
		ms = append(ms, msg(fmt.Sprint("n", i), "fr-market", start.Add(time.Duration(i+1)*time.Hour), message.Negative))
	}
	ms = append(ms, msg("uk", "uk-market", start, message.Positive))
	if _, err := s.SaveMessages(context.Background(), ms); err != nil {
		t.Fatal(err)
	}
	if err := (&analytics.Worker{Store: s, GapWait: -1}).CatchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func settings(t *testing.T, s *store.Store, rs store.ReportSettings) {
	t.Helper()
	if err := report.Check(&rs); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutReportSettings(context.Background(), store.Actor{Name: "test"}, rs); err != nil {
		t.Fatal(err)
	}
}

// htmlOf decodes the HTML part and the subject of a kept mail.
func htmlOf(t *testing.T, raw string) (subject, html string) {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	_, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	r := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err != nil {
			t.Fatalf("no HTML part: %v", err)
		}
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/html") {
			b, _ := io.ReadAll(p) // NextPart decodes quoted-printable
			return subject, string(b)
		}
	}
}

// Two processes ticking every 30 minutes of a fake clock over three weeks
// send each community's report exactly once a week, at its hour in its time
// zone, in its language, with this week's figures next to last week's
// (the first report, due at the start, covers the week before the seed).
func TestScheduleSendsOncePerWeekPerCommunity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seed(t, s, 4, 6)
		settings(t, s, store.ReportSettings{Community: "fr-market", Recipients: []string{"Direction <dg@example.com>", "cm@example.com"},
			Weekday: 1, Hour: 9, TimeZone: "Europe/Paris", Lang: "fr", Enabled: true})
		settings(t, s, store.ReportSettings{Community: "uk-market", Recipients: []string{"uk@example.com"},
			Weekday: 5, Hour: 17, TimeZone: "Europe/London", Lang: "en", Enabled: true})
		sink := mailtest.Start(t)
		clock := monday.Add(-time.Hour)
		now := func() time.Time { return clock }
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		procs := []*report.Service{}
		for range 2 {
			procs = append(procs, &report.Service{Store: s, Figures: analytics.Service{Store: s}, Log: log, Now: now, BaseURL: "https://sb.example/",
				SMTP: incident.SMTP{Addr: sink.Addr, From: "switchboard@example.com"}})
		}
		var sentAt []time.Time
		for ; clock.Before(monday.AddDate(0, 0, 21)); clock = clock.Add(30 * time.Minute) {
			for _, p := range procs {
				n, err := p.Tick(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for range n {
					sentAt = append(sentAt, clock)
				}
			}
		}
		mails := sink.Mails()
		if len(mails) != 6 || len(sentAt) != 6 {
			t.Fatalf("%d mails at %v, want 6 (3 weeks × 2 communities)", len(mails), sentAt)
		}
		fr, uk := 0, 0
		for i, m := range mails {
			subject, html := htmlOf(t, m.Data)
			switch {
			case strings.HasPrefix(subject, "Rapport hebdomadaire · fr-market"):
				fr++
				if at := sentAt[i].In(loc(t, "Europe/Paris")); at.Weekday() != time.Monday || at.Hour() != 9 || len(m.Rcpt) != 2 {
					t.Errorf("fr-market report sent %s to %v", at, m.Rcpt)
				}
				if fr == 2 && (!strings.Contains(html, `<span class="big">6</span>`) || !strings.Contains(html, "&#43;2 (&#43;50.0 %)") ||
					!strings.Contains(html, "Semaine précédente : 4") || !strings.Contains(html, "100.0 %") || !strings.Contains(html, "<td>Réclamation</td>") ||
					!strings.Contains(html, `href="https://sb.example/dashboards/c/fr-market"`)) {
					t.Errorf("second fr-market report lacks its figures:\n%s", html)
				}
			case strings.HasPrefix(subject, "Weekly report · uk-market"):
				uk++
				if at := sentAt[i].In(loc(t, "Europe/London")); at.Weekday() != time.Friday || at.Hour() != 17 || m.Rcpt[0] != "uk@example.com" {
					t.Errorf("uk-market report sent %s to %v", at, m.Rcpt)
				}
			default:
				t.Errorf("unexpected mail %q", subject)
			}
		}
		if fr != 3 || uk != 3 {
			t.Fatalf("fr %d, uk %d; want 3 each", fr, uk)
		}
		sent, err := s.SentReports(ctx, "fr-market", 10)
		if err != nil || len(sent) != 3 || sent[0].Status != store.ReportSent || sent[2].Week != "2026-11-02" {
			t.Fatalf("recorded reports %+v, %v", sent, err)
		}
	})
}

// A report the mail server refused is recorded as failed and tried again
// after report.Retry, once.
func TestScheduleRetriesAFailedSend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seed(t, s, 1, 1)
		settings(t, s, store.ReportSettings{Community: "fr-market", Recipients: []string{"dg@example.com"}, Weekday: 1, Hour: 9,
			TimeZone: "Europe/Paris", Lang: "en", Enabled: true})
		dead := mailtest.Closed(t)
		clock := monday.Add(8 * time.Hour)
		svc := &report.Service{Store: s, Figures: analytics.Service{Store: s}, Now: func() time.Time { return clock },
			Log: slog.New(slog.NewTextHandler(io.Discard, nil)), SMTP: incident.SMTP{Addr: dead, From: "sb@example.com"}}
		if n, _ := svc.Tick(ctx); n != 0 {
			t.Fatalf("sent %d through a closed server", n)
		}
		sent, _ := s.SentReports(ctx, "fr-market", 10)
		if len(sent) != 1 || sent[0].Status != store.ReportFailed || sent[0].Error == "" {
			t.Fatalf("failure recorded as %+v", sent)
		}
		sink := mailtest.Start(t)
		svc.SMTP.Addr = sink.Addr
		clock = clock.Add(report.Retry / 2)
		if n, _ := svc.Tick(ctx); n != 0 {
			t.Fatalf("retried before report.Retry")
		}
		clock = clock.Add(report.Retry)
		for range 3 {
			svc.Tick(ctx)
		}
		if sent, _ = s.SentReports(ctx, "fr-market", 10); len(sink.Mails()) != 1 || len(sent) != 1 || sent[0].Status != store.ReportSent {
			t.Fatalf("%d mails, recorded %+v; want one sent", len(sink.Mails()), sent)
		}
	})
}

func loc(t *testing.T, name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
