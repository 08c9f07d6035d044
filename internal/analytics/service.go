package analytics

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// Service answers the dashboard figures from the rollups.
type Service struct {
	Store *store.Store
}

// Point is a count in one bucket (the start of its hour or UTC day) for one
// key of the breakdown ("" without one).
type Point struct {
	Time  time.Time `json:"time"`
	Key   string    `json:"key,omitempty"`
	Count int64     `json:"count"`
}

// SentimentPoint is the sentiment of the messages of one bucket.
type SentimentPoint struct {
	Time     time.Time `json:"time"`
	Messages int64     `json:"messages"`
	Negative int64     `json:"negative"`
	Neutral  int64     `json:"neutral"`
	Positive int64     `json:"positive"`
	Mean     float64   `json:"mean"` // mean sentiment score
}

// SLAFigure is the first responses or resolutions of a department (and of an
// agent when broken down by agent) against the department's target.
type SLAFigure struct {
	Kind          string  `json:"kind"` // first_response or resolution
	Department    string  `json:"department"`
	AgentID       int64   `json:"agent_id,omitempty"`
	Agent         string  `json:"agent,omitempty"`
	Count         int64   `json:"count"`
	WithTarget    int64   `json:"with_target"`
	OnTime        int64   `json:"on_time"`
	OnTimePercent float64 `json:"on_time_percent"` // of those with a target; 0 when none
	MeanSeconds   float64 `json:"mean_seconds"`    // working time
	TargetSeconds float64 `json:"target_seconds"`  // the department's target now; 0 when none
}

// TermTrend is a term or #hashtag with its count in the range, its usual
// count over as long a time (from the days before), and how much above it is.
type TermTrend struct {
	Term     string  `json:"term"`
	Count    int64   `json:"count"`
	Baseline float64 `json:"baseline"`
	Ratio    float64 `json:"ratio"`
}

// Share is one community's part of the messages of a range.
type Share struct {
	Community string  `json:"community"`
	Count     int64   `json:"count"`
	Percent   float64 `json:"percent"`
}

// BaselineDays is how many days before a range make the usual level of a
// term, and Smoothing what is added to both counts before dividing, so a term
// new in small numbers does not outrank a real surge.
const (
	BaselineDays = 7
	Smoothing    = 5.0
	MinTermCount = 3
)

// Volume counts the messages per bucket, broken down by f.By: channel, class,
// department, lang or community.
func (s Service) Volume(ctx context.Context, f Filter) ([]Point, error) {
	switch f.By {
	case "", "channel", "class", "department", "lang", "community":
	default:
		return nil, fmt.Errorf("%w: by %q: channel, class, department, lang or community", ErrBadFilter, f.By)
	}
	rows, err := s.volume(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]Point, 0, len(rows))
	for _, r := range rows {
		out = append(out, Point{Time: r.Bucket, Key: r.Key, Count: r.Messages})
	}
	return out, nil
}

// Sentiment gives the negative, neutral and positive messages per bucket
// and their mean score.
func (s Service) Sentiment(ctx context.Context, f Filter) ([]SentimentPoint, error) {
	f.By = ""
	rows, err := s.volume(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]SentimentPoint, 0, len(rows))
	for _, r := range rows {
		p := SentimentPoint{Time: r.Bucket, Messages: r.Messages, Negative: r.Negative, Neutral: r.Neutral, Positive: r.Positive}
		if r.Messages > 0 {
			p.Mean = r.SentimentSum / float64(r.Messages)
		}
		out = append(out, p)
	}
	return out, nil
}

// ShareOfVoice gives each community's part of the messages in the range.
func (s Service) ShareOfVoice(ctx context.Context, f Filter) ([]Share, error) {
	f.By, f.Community = "community", ""
	if err := f.Check(); err != nil {
		return nil, err
	}
	q := s.query(f, 0)
	q.From, q.To = f.From.UTC().Truncate(24*time.Hour), ceilDay(f.To)
	q.Daily = true
	rows, err := s.Store.RollupVolume(ctx, q)
	if err != nil {
		return nil, err
	}
	by, total := map[string]int64{}, int64(0)
	for _, r := range rows {
		by[r.Key] += r.Messages
		total += r.Messages
	}
	out := make([]Share, 0, len(by))
	for k, n := range by {
		sh := Share{Community: k, Count: n}
		if total > 0 {
			sh.Percent = 100 * float64(n) / float64(total)
		}
		out = append(out, sh)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Community < out[j].Community
	})
	return out, nil
}

// SLA gives the first responses and resolutions of the range per department,
// and per agent when f.By is "agent", against the departments' targets.
func (s Service) SLA(ctx context.Context, f Filter) ([]SLAFigure, error) {
	if f.By != "" && f.By != "department" && f.By != "agent" {
		return nil, fmt.Errorf("%w: by %q: department or agent", ErrBadFilter, f.By)
	}
	q, err := s.resolve(ctx, f)
	if err != nil {
		return nil, err
	}
	q.From, q.To = f.From.UTC().Truncate(24*time.Hour), ceilDay(f.To)
	rows, err := s.Store.RollupSLA(ctx, q)
	if err != nil {
		return nil, err
	}
	targets, err := s.targets(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]SLAFigure, 0, len(rows))
	for _, r := range rows {
		fig := SLAFigure{Kind: r.Kind, Department: r.Department, AgentID: r.AgentID, Agent: r.AgentName, Count: r.Count,
			WithTarget: r.WithTarget, OnTime: r.OnTime, TargetSeconds: targets[r.Department+"/"+r.Kind]}
		if r.WithTarget > 0 {
			fig.OnTimePercent = 100 * float64(r.OnTime) / float64(r.WithTarget)
		}
		if r.Count > 0 {
			fig.MeanSeconds = r.Seconds / float64(r.Count)
		}
		out = append(out, fig)
	}
	return out, nil
}

func (s Service) targets(ctx context.Context) (map[string]float64, error) {
	deps, err := s.Store.Departments(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for _, d := range deps {
		out[d.Slug+"/first_response"] = time.Duration(d.SLA.FirstResponse).Seconds()
		out[d.Slug+"/resolution"] = time.Duration(d.SLA.Resolution).Seconds()
	}
	return out, nil
}

// Backlog gives the open (not resolved) messages per department as the
// worker last counted them (every BacklogEvery), each point dated by that
// count; the range of f is not used, only its community.
func (s Service) Backlog(ctx context.Context, f Filter) ([]Point, error) {
	id, err := s.communityID(ctx, f.Community)
	if err != nil {
		return nil, err
	}
	rows, at, err := s.Store.Backlog(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]Point, 0, len(rows))
	for _, r := range rows {
		out = append(out, Point{Time: at.Truncate(time.Second), Key: r.Department, Count: r.Open})
	}
	return out, nil
}

// BacklogHistory gives the hourly samples of open messages per department in
// the range, which like any hourly figure covers at most MaxHourlyRange.
func (s Service) BacklogHistory(ctx context.Context, f Filter) ([]Point, error) {
	if f.To.Sub(f.From) > MaxHourlyRange {
		return nil, fmt.Errorf("%w: the backlog history is hourly: a range of at most %d days", ErrBadFilter, MaxHourlyRange/(24*time.Hour))
	}
	q, err := s.resolve(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := s.Store.BacklogHistory(ctx, q)
	if err != nil {
		return nil, err
	}
	out := make([]Point, 0, len(rows))
	for _, r := range rows {
		out = append(out, Point{Time: r.Bucket, Key: r.Department, Count: r.Open})
	}
	return out, nil
}

// RisingTerms gives the n terms and hashtags most above their usual level in
// the range (whole UTC days): the ratio of their count, plus Smoothing, to
// their mean count over BaselineDays days before, scaled to the range's
// length, plus Smoothing. Terms seen fewer than MinTermCount times are left out.
func (s Service) RisingTerms(ctx context.Context, f Filter, n int) ([]TermTrend, error) {
	q, err := s.resolve(ctx, f)
	if err != nil {
		return nil, err
	}
	q.From, q.To = f.From.UTC().Truncate(24*time.Hour), ceilDay(f.To)
	days := q.To.Sub(q.From).Hours() / 24
	rows, err := s.Store.RollupTerms(ctx, q, q.From.AddDate(0, 0, -BaselineDays), MinTermCount)
	if err != nil {
		return nil, err
	}
	out := make([]TermTrend, 0, len(rows))
	for _, r := range rows {
		base := float64(r.Baseline) / BaselineDays * days
		out = append(out, TermTrend{Term: r.Term, Count: r.Count, Baseline: math.Round(base*100) / 100,
			Ratio: math.Round((float64(r.Count)+Smoothing)/(base+Smoothing)*100) / 100})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Ratio != out[j].Ratio {
			return out[i].Ratio > out[j].Ratio
		}
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Term < out[j].Term
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// volume reads the volume rollups for f, whole hours (or days) covering its range.
func (s Service) volume(ctx context.Context, f Filter) ([]store.VolumeRow, error) {
	q, err := s.resolve(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.Store.RollupVolume(ctx, q)
}

// resolve checks f and turns it into a store query over whole hours.
func (s Service) resolve(ctx context.Context, f Filter) (store.RollupQuery, error) {
	if err := f.Check(); err != nil {
		return store.RollupQuery{}, err
	}
	id, err := s.communityID(ctx, f.Community)
	if err != nil {
		return store.RollupQuery{}, err
	}
	return s.query(f, id), nil
}

func (s Service) query(f Filter, id int64) store.RollupQuery {
	to := f.To.UTC().Truncate(time.Hour)
	if !to.Equal(f.To) {
		to = to.Add(time.Hour)
	}
	return store.RollupQuery{CommunityID: id, From: f.From.UTC().Truncate(time.Hour), To: to, By: f.By, Daily: f.Daily()}
}

func (s Service) communityID(ctx context.Context, slug string) (int64, error) {
	if slug == "" {
		return 0, nil
	}
	id, err := s.Store.CommunityIDBySlug(ctx, strings.TrimSpace(slug))
	if errors.Is(err, store.ErrNotFound) {
		return 0, fmt.Errorf("%w: no community %q", ErrBadFilter, slug)
	}
	return id, err
}

func ceilDay(t time.Time) time.Time {
	d := t.UTC().Truncate(24 * time.Hour)
	if !d.Equal(t) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}
