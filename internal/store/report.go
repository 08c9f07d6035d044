package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ReportSettings say when and to whom a community's weekly report goes:
// on Weekday (0 Sunday … 6 Saturday) at Hour, in TimeZone, in Lang.
// The caller checks the values (internal/report).
type ReportSettings struct {
	Community  string    `json:"community"`
	Recipients []string  `json:"recipients"`
	Weekday    int       `json:"weekday"`
	Hour       int       `json:"hour"`
	TimeZone   string    `json:"timezone"`
	Lang       string    `json:"lang"`
	Enabled    bool      `json:"enabled"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Report statuses.
const (
	ReportSending = "sending"
	ReportSent    = "sent"
	ReportFailed  = "failed"
)

// SentReport is one report claimed for sending, and how it went.
type SentReport struct {
	ID         int64     `json:"id"`
	Community  string    `json:"community"`
	Week       string    `json:"week"`
	Status     string    `json:"status"`
	Recipients []string  `json:"recipients"`
	Error      string    `json:"error,omitempty"`
	ClaimedAt  time.Time `json:"claimed_at"`
	SentAt     time.Time `json:"sent_at,omitzero"`
}

// PutReportSettings sets a community's report settings; the community must exist.
func (s *Store) PutReportSettings(ctx context.Context, a Actor, rs ReportSettings) (ReportSettings, error) {
	now := time.Now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.existingCommunity(ctx, tx, rs.Community)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO report_settings (community_id, recipients, weekday, hour, timezone, lang, enabled, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (community_id) DO UPDATE SET recipients = excluded.recipients,
			weekday = excluded.weekday, hour = excluded.hour, timezone = excluded.timezone, lang = excluded.lang,
			enabled = excluded.enabled, updated_at = excluded.updated_at`), id, strings.Join(rs.Recipients, ","), rs.Weekday,
			rs.Hour, rs.TimeZone, rs.Lang, boolInt(rs.Enabled), micro(now))
		if err != nil {
			return fmt.Errorf("report settings of %s: %w", rs.Community, err)
		}
		return s.audit(ctx, tx, a, "report.settings", rs.Community, rs)
	})
	if err != nil {
		return rs, err
	}
	return s.ReportSettings(ctx, rs.Community)
}

const reportSettingsCols = `c.slug, r.recipients, r.weekday, r.hour, r.timezone, r.lang, r.enabled, r.updated_at
	FROM report_settings r JOIN communities c ON c.id = r.community_id`

// ReportSettings returns a community's report settings; none is ErrNotFound.
func (s *Store) ReportSettings(ctx context.Context, slug string) (ReportSettings, error) {
	rs, err := scanReportSettings(s.db.QueryRowContext(ctx, s.q(`SELECT `+reportSettingsCols+` WHERE c.slug = ?`), slug))
	if errors.Is(err, sql.ErrNoRows) {
		return rs, fmt.Errorf("report settings of %q: %w", slug, ErrNotFound)
	}
	return rs, err
}

// EnabledReports lists the settings of every community whose report is on.
func (s *Store) EnabledReports(ctx context.Context) ([]ReportSettings, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+reportSettingsCols+` WHERE r.enabled = 1 ORDER BY c.slug`)
	if err != nil {
		return nil, fmt.Errorf("report settings: %w", err)
	}
	defer rows.Close()
	var out []ReportSettings
	for rows.Next() {
		rs, err := scanReportSettings(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, rs)
	}
	return out, rows.Err()
}

func scanReportSettings(row interface{ Scan(...any) error }) (ReportSettings, error) {
	var rs ReportSettings
	var recipients string
	var enabled, at int64
	if err := row.Scan(&rs.Community, &recipients, &rs.Weekday, &rs.Hour, &rs.TimeZone, &rs.Lang, &enabled, &at); err != nil {
		return rs, fmt.Errorf("report settings: %w", err)
	}
	rs.Recipients, rs.Enabled, rs.UpdatedAt = splitList(recipients), enabled != 0, fromMicro(at)
	return rs, nil
}

func splitList(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// ClaimReport takes the sending of a community's report of a week (a key
// such as the day it is due). It reports false when the report is sent or
// being sent by someone else; a claim older than retry that did not end in
// sent (a failure, or a process that died) is taken again.
func (s *Store) ClaimReport(ctx context.Context, slug, week string, now time.Time, retry time.Duration) (bool, error) {
	claimed := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.existingCommunity(ctx, tx, slug)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO reports_sent (community_id, week, status, claimed_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (community_id, week) DO UPDATE SET status = excluded.status, error = '', claimed_at = excluded.claimed_at
			WHERE reports_sent.status <> ? AND reports_sent.claimed_at < ?`), id, week, ReportSending, micro(now), ReportSent, micro(now.Add(-retry)))
		if err != nil {
			return fmt.Errorf("claim report %s %s: %w", slug, week, err)
		}
		n, _ := res.RowsAffected()
		claimed = n == 1
		return nil
	})
	return claimed, err
}

// FinishReport records how the sending of a claimed report went.
func (s *Store) FinishReport(ctx context.Context, slug, week string, recipients []string, sendErr error, now time.Time) error {
	status, msg := ReportSent, ""
	if sendErr != nil {
		status, msg = ReportFailed, sendErr.Error()
	}
	var sent any
	if sendErr == nil {
		sent = micro(now)
	}
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE reports_sent SET status = ?, recipients = ?, error = ?, sent_at = ?
		WHERE week = ? AND community_id = (SELECT id FROM communities WHERE slug = ?)`), status, strings.Join(recipients, ","), msg, sent, week, slug)
	if err != nil {
		return fmt.Errorf("finish report %s %s: %w", slug, week, err)
	}
	return nil
}

// SentReports lists a community's reports, newest first, at most limit.
func (s *Store) SentReports(ctx context.Context, slug string, limit int) ([]SentReport, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT r.id, c.slug, r.week, r.status, r.recipients, r.error, r.claimed_at, r.sent_at
		FROM reports_sent r JOIN communities c ON c.id = r.community_id WHERE c.slug = ? ORDER BY r.claimed_at DESC, r.id DESC LIMIT ?`), slug, limit)
	if err != nil {
		return nil, fmt.Errorf("reports of %s: %w", slug, err)
	}
	defer rows.Close()
	out := []SentReport{}
	for rows.Next() {
		var r SentReport
		var recipients string
		var claimed int64
		var sent *int64
		if err := rows.Scan(&r.ID, &r.Community, &r.Week, &r.Status, &recipients, &r.Error, &claimed, &sent); err != nil {
			return nil, fmt.Errorf("reports of %s: %w", slug, err)
		}
		r.Recipients, r.ClaimedAt, r.SentAt = splitList(recipients), fromMicro(claimed), fromNullMicro(sent)
		out = append(out, r)
	}
	return out, rows.Err()
}

// maxReportIncidents bounds the incidents a report lists for one week.
const maxReportIncidents = 500

// IncidentsStarted lists a community's incidents whose first alert is in
// [from, to), newest first, at most maxReportIncidents.
func (s *Store) IncidentsStarted(ctx context.Context, community string, from, to time.Time) ([]Incident, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT `+incidentColumns+` FROM incidents
		WHERE community = ? AND started_at >= ? AND started_at < ? ORDER BY id DESC LIMIT ?`),
		community, micro(from), micro(to), maxReportIncidents)
	if err != nil {
		return nil, fmt.Errorf("incidents of %s: %w", community, err)
	}
	defer rows.Close()
	out := []Incident{}
	for rows.Next() {
		in, err := scanIncident(rows)
		if err != nil {
			return nil, fmt.Errorf("incidents of %s: %w", community, err)
		}
		out = append(out, in)
	}
	return out, rows.Err()
}
