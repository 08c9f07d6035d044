package report

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Retry is how long a claimed report that was not sent (a failure, a
// process that died) waits before it is tried again, within Grace.
const Retry = 15 * time.Minute

// Service builds, shows and sends the weekly reports.
type Service struct {
	Store   *store.Store
	Figures analytics.Service
	SMTP    incident.SMTP
	BaseURL string
	Log     *slog.Logger
	Now     func() time.Time // the clock; nil is time.Now
	Every   time.Duration    // how often the scheduler looks; 0 is a minute
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Render builds and writes the report of a community's week ending at to,
// with its settings' language and time zone, or lang when not "".
func (s *Service) Render(ctx context.Context, community, lang string, to time.Time) (Mail, store.ReportSettings, error) {
	rs, err := s.Store.ReportSettings(ctx, community)
	if err != nil {
		return Mail{}, rs, err
	}
	if lang != "" {
		rs.Lang = lang
	}
	loc, err := time.LoadLocation(rs.TimeZone)
	if err != nil {
		return Mail{}, rs, fmt.Errorf("%w: timezone %q", ErrInvalid, rs.TimeZone)
	}
	r, err := s.Build(ctx, community, rs.Lang, loc, to)
	if err != nil {
		return Mail{}, rs, err
	}
	m, err := Write(r)
	return m, rs, err
}

// SendNow sends the report of the last seven days to the community's
// recipients at once, and records it.
func (s *Service) SendNow(ctx context.Context, community string) (store.SentReport, error) {
	if _, err := s.Store.ReportSettings(ctx, community); err != nil {
		return store.SentReport{}, err // none: nothing to send nor to record
	}
	now := s.now()
	week := "now:" + now.UTC().Format(time.RFC3339Nano)
	if ok, err := s.Store.ClaimReport(ctx, community, week, now, Retry); err != nil {
		return store.SentReport{}, err
	} else if !ok {
		return store.SentReport{}, fmt.Errorf("report %s of %s is being sent: %w", week, community, store.ErrConflict)
	}
	m, rs, err := s.Render(ctx, community, "", now.Add(time.Hour))
	if err == nil {
		err = send(ctx, s.SMTP, rs.Recipients, m, now)
	}
	if ferr := s.Store.FinishReport(context.WithoutCancel(ctx), community, week, rs.Recipients, err, s.now()); ferr != nil {
		return store.SentReport{}, ferr
	}
	sent, lerr := s.Store.SentReports(ctx, community, 1)
	if lerr != nil || len(sent) == 0 {
		return store.SentReport{}, fmt.Errorf("report of %s: %v %w", community, lerr, err)
	}
	return sent[0], err
}

// Tick sends every report due now that nobody has sent, and says how many
// it sent.
func (s *Service) Tick(ctx context.Context) (int, error) {
	all, err := s.Store.EnabledReports(ctx)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, rs := range all {
		ok, err := s.sendDue(ctx, rs)
		if err != nil {
			s.log().Error("weekly report", "community", rs.Community, "err", err)
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// sendDue sends rs's report if it is due and this process claims it.
func (s *Service) sendDue(ctx context.Context, rs store.ReportSettings) (bool, error) {
	now := s.now()
	due, ok := Due(rs, now)
	if !ok {
		return false, nil
	}
	week := due.Format("2006-01-02")
	if claimed, err := s.Store.ClaimReport(ctx, rs.Community, week, now, Retry); err != nil || !claimed {
		return false, err
	}
	r, err := s.Build(ctx, rs.Community, rs.Lang, due.Location(), due)
	var m Mail
	if err == nil {
		m, err = Write(r)
	}
	if err == nil {
		err = send(ctx, s.SMTP, rs.Recipients, m, now)
	}
	if ferr := s.Store.FinishReport(context.WithoutCancel(ctx), rs.Community, week, rs.Recipients, err, s.now()); ferr != nil {
		return false, ferr
	}
	if err == nil {
		s.log().Info("weekly report sent", "community", rs.Community, "week", week, "recipients", len(rs.Recipients))
	}
	return err == nil, err
}

// Run looks for due reports every minute until ctx ends.
func (s *Service) Run(ctx context.Context) {
	every := s.Every
	if every <= 0 {
		every = time.Minute
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.log().Error("weekly reports", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.Default()
	}
	return s.Log
}
