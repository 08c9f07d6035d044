package store

import (
	"context"
	"fmt"
	"time"
)

// RollupQuery selects rollup rows: a time range [From, To), one community
// (CommunityID > 0) or all (0), a breakdown and a bucket size.
type RollupQuery struct {
	CommunityID int64
	From, To    time.Time
	By          string // "", "channel", "class", "department", "lang" or "community"
	Daily       bool   // buckets of a UTC day, else of an hour
}

// VolumeRow is the sum of the rollups in one bucket for one key of the breakdown.
type VolumeRow struct {
	Bucket                                time.Time
	Key                                   string
	Messages, Negative, Neutral, Positive int64
	SentimentSum                          float64
}

const (
	hourMicros = int64(time.Hour / time.Microsecond)
	dayMicros  = 24 * hourMicros
)

// volumeDims maps a breakdown to the dimension of rollup_volume it reads.
var volumeDims = map[string]string{"": "all", "channel": "channel", "class": "class", "department": "department",
	"lang": "lang", "community": "all"}

// RollupVolume sums the volume rollups by bucket and key, in bucket then key
// order. Whole UTC days are read from the daily rows, anything else from the
// hourly ones.
func (s *Store) RollupVolume(ctx context.Context, q RollupQuery) ([]VolumeRow, error) {
	dim, ok := volumeDims[q.By]
	if !ok {
		return nil, fmt.Errorf("%w: breakdown %q", ErrInvalidValue, q.By)
	}
	grain, bucket := "h", "r.bucket"
	from, to := micro(q.From), micro(q.To)
	if q.Daily {
		bucket = fmt.Sprintf("(r.bucket - r.bucket %% %d)", dayMicros)
		if from%dayMicros == 0 && to%dayMicros == 0 {
			grain, bucket = "d", "r.bucket"
		}
	}
	key := "r.dim_value"
	if q.By == "community" {
		key = "r.community_id"
	}
	where, args := "r.grain = ? AND r.dim = ? AND r.bucket >= ? AND r.bucket < ?", []any{grain, dim, from, to}
	if q.CommunityID > 0 {
		where, args = where+" AND r.community_id = ?", append(args, q.CommunityID)
	}
	inner := `SELECT ` + bucket + ` AS b, ` + key + ` AS k, SUM(r.messages) AS m, SUM(r.negative) AS neg,
		SUM(r.neutral) AS neu, SUM(r.positive) AS pos, SUM(r.sentiment_sum) AS ss
		FROM rollup_volume r WHERE ` + where + ` GROUP BY b, k`
	outer := `SELECT b, k, m, neg, neu, pos, ss FROM (` + inner + `) v ORDER BY b, k`
	if q.By == "community" {
		outer = `SELECT v.b, COALESCE(c.slug, ''), v.m, v.neg, v.neu, v.pos, v.ss FROM (` + inner + `) v
			LEFT JOIN communities c ON c.id = v.k ORDER BY v.b, c.slug`
	}
	rows, err := s.read.QueryContext(ctx, s.q(outer), args...)
	if err != nil {
		return nil, fmt.Errorf("volume rollup: %w", err)
	}
	defer rows.Close()
	var out []VolumeRow
	for rows.Next() {
		var v VolumeRow
		var b int64
		if err := rows.Scan(&b, &v.Key, &v.Messages, &v.Negative, &v.Neutral, &v.Positive, &v.SentimentSum); err != nil {
			return nil, fmt.Errorf("volume rollup: %w", err)
		}
		v.Bucket = time.UnixMicro(b).UTC()
		if v.Messages != 0 || v.Negative != 0 || v.Positive != 0 || v.Neutral != 0 {
			out = append(out, v)
		}
	}
	return out, rows.Err()
}

// TermRow is a term's count in a range and in the baseline before it.
type TermRow struct {
	Term            string
	Count, Baseline int64
}

// RollupTerms sums the term counts over [q.From, q.To) and over the baseline
// [baseFrom, q.From), keeping the terms seen at least min times in the range.
func (s *Store) RollupTerms(ctx context.Context, q RollupQuery, baseFrom time.Time, min int64) ([]TermRow, error) {
	from := micro(q.From)
	args := []any{from, from}
	where := "day >= ? AND day < ?"
	if q.CommunityID > 0 {
		where, args = "community_id = ? AND "+where, append(args, q.CommunityID)
	}
	args = append(args, micro(baseFrom), micro(q.To), min)
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT term, SUM(CASE WHEN day >= ? THEN n ELSE 0 END) AS cur,
		SUM(CASE WHEN day < ? THEN n ELSE 0 END) FROM rollup_terms
		WHERE `+where+` GROUP BY term HAVING SUM(CASE WHEN day >= `+fmt.Sprint(from)+` THEN n ELSE 0 END) >= ?`), args...)
	if err != nil {
		return nil, fmt.Errorf("terms rollup: %w", err)
	}
	defer rows.Close()
	var out []TermRow
	for rows.Next() {
		var t TermRow
		if err := rows.Scan(&t.Term, &t.Count, &t.Baseline); err != nil {
			return nil, fmt.Errorf("terms rollup: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SLARow sums first responses or resolutions for one department and agent.
type SLARow struct {
	Department string
	AgentID    int64
	AgentName  string
	Kind       string
	Count      int64
	WithTarget int64
	OnTime     int64
	Seconds    float64
}

// RollupSLA sums the SLA rollups of [q.From, q.To) by kind and department,
// and by agent too when q.By is "agent".
func (s *Store) RollupSLA(ctx context.Context, q RollupQuery) ([]SLARow, error) {
	agent := "0"
	if q.By == "agent" {
		agent = "r.agent_id"
	}
	where, args := slaRanges(q.From, q.To)
	if q.CommunityID > 0 {
		where, args = "r.community_id = ? AND "+where, append([]any{q.CommunityID}, args...)
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT r.kind, r.department, r.a, COALESCE(u.name, ''), r.n, r.wt, r.ot, r.sec
		FROM (SELECT kind, department, `+agent+` AS a, SUM(n) AS n, SUM(with_target) AS wt, SUM(on_time) AS ot, SUM(seconds) AS sec
		  FROM rollup_sla r WHERE `+where+` GROUP BY kind, department, a) r
		LEFT JOIN users u ON u.id = r.a ORDER BY r.kind, r.department, r.a`), args...)
	if err != nil {
		return nil, fmt.Errorf("SLA rollup: %w", err)
	}
	defer rows.Close()
	var out []SLARow
	for rows.Next() {
		var r SLARow
		if err := rows.Scan(&r.Kind, &r.Department, &r.AgentID, &r.AgentName, &r.Count, &r.WithTarget, &r.OnTime, &r.Seconds); err != nil {
			return nil, fmt.Errorf("SLA rollup: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// slaRanges selects [from, to) (whole UTC days) from the SLA rollups: whole
// months from the monthly rows, the days before and after them from the daily ones.
func slaRanges(from, to time.Time) (string, []any) {
	m0 := MonthOf(from)
	if !m0.Equal(from) {
		m0 = m0.AddDate(0, 1, 0)
	}
	m1 := MonthOf(to)
	if !m0.Before(m1) {
		return "r.grain = 'd' AND r.day >= ? AND r.day < ?", []any{micro(from), micro(to)}
	}
	return `((r.grain = 'm' AND r.day >= ? AND r.day < ?) OR (r.grain = 'd' AND r.day >= ? AND r.day < ?)
		OR (r.grain = 'd' AND r.day >= ? AND r.day < ?))`,
		[]any{micro(m0), micro(m1), micro(from), micro(m0), micro(m1), micro(to)}
}

// BacklogRow is the number of open (unresolved) messages of a department.
type BacklogRow struct {
	Bucket     time.Time // zero for the current count
	Department string
	Open       int64
}

// backlogMark names the time of the latest backlog sample in rollup_state.
const backlogMark = "backlog_sampled_at"

// Backlog returns the open messages per department of the latest sample, of
// one community or all, and when it was taken (zero when never).
func (s *Store) Backlog(ctx context.Context, communityID int64) ([]BacklogRow, time.Time, error) {
	var at int64
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COALESCE(MAX(value), 0) FROM rollup_state WHERE name = ?`), backlogMark).Scan(&at)
	if err != nil || at == 0 {
		return nil, time.Time{}, err
	}
	rows, err := s.BacklogHistory(ctx, RollupQuery{CommunityID: communityID, From: fromMicro(at).Truncate(time.Hour),
		To: fromMicro(at).Truncate(time.Hour).Add(time.Hour)})
	return rows, fromMicro(at), err
}

// BacklogHistory returns the hourly samples of open messages per department in [q.From, q.To).
func (s *Store) BacklogHistory(ctx context.Context, q RollupQuery) ([]BacklogRow, error) {
	where, args := "bucket >= ? AND bucket < ?", []any{micro(q.From), micro(q.To)}
	if q.CommunityID > 0 {
		where, args = "community_id = ? AND "+where, append([]any{q.CommunityID}, args...)
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT bucket, department, SUM(open) FROM rollup_backlog
		WHERE `+where+` GROUP BY bucket, department ORDER BY bucket, department`), args...)
	if err != nil {
		return nil, fmt.Errorf("backlog history: %w", err)
	}
	defer rows.Close()
	var out []BacklogRow
	for rows.Next() {
		var r BacklogRow
		var b int64
		if err := rows.Scan(&b, &r.Department, &r.Open); err != nil {
			return nil, fmt.Errorf("backlog history: %w", err)
		}
		r.Bucket = time.UnixMicro(b).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// CommunityIDBySlug returns the id of the community with this slug, ErrNotFound when none.
func (s *Store) CommunityIDBySlug(ctx context.Context, slug string) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, s.q(`SELECT COALESCE(MAX(id), 0) FROM communities WHERE slug = ?`), slug).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("community %q: %w", slug, err)
	}
	if id == 0 {
		return 0, fmt.Errorf("community %q: %w", slug, ErrNotFound)
	}
	return id, nil
}
