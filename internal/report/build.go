package report

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Week is the length of a report's period.
const Week = 7 * 24 * time.Hour

// Change is a count this week and the week before.
type Change struct {
	Key       string
	Now, Prev int64
}

// SLAChange is a department's share of first responses or resolutions on
// time this week and the week before (Has… false when there was none with
// a target).
type SLAChange struct {
	Department, Kind string
	Count            int64
	Now, Prev        float64
	HasNow, HasPrev  bool
}

// Mood is the sentiment of a period: its messages, how many negative and
// positive, and the mean score.
type Mood struct {
	Messages, Negative, Positive int64
	Mean                         float64
}

// NegativePercent is the share of negative messages.
func (m Mood) NegativePercent() float64 {
	if m.Messages == 0 {
		return 0
	}
	return 100 * float64(m.Negative) / float64(m.Messages)
}

// Day is the sentiment of one day of the week.
type Day struct {
	Day time.Time
	Mood
}

// Report is one community's week [From, To) next to the week before.
type Report struct {
	Community             string
	Lang                  string
	Location              *time.Location
	From, To              time.Time
	Volume                Change
	ByChannel, ByClass    []Change
	ByDepartment, Backlog []Change
	Mood, PrevMood        Mood
	Days                  []Day
	SLA                   []SLAChange
	Terms                 []analytics.TermTrend
	Incidents             []store.Incident
	Link                  string // the dashboard, when the base URL is known
}

// TopTerms is how many rising terms a report lists.
const TopTerms = 10

// Build gathers the figures of a community's week ending at to.
func (s *Service) Build(ctx context.Context, community, lang string, loc *time.Location, to time.Time) (*Report, error) {
	to = to.Truncate(time.Hour)
	r := &Report{Community: community, Lang: lang, Location: loc, From: to.Add(-Week), To: to}
	if s.BaseURL != "" {
		r.Link = strings.TrimRight(s.BaseURL, "/") + "/dashboards/c/" + url.PathEscape(community)
	}
	for _, step := range []func(context.Context, *Report) error{s.volumes, s.moods, s.sla, s.backlog, s.terms, s.incidents} {
		if err := step(ctx, r); err != nil {
			return nil, fmt.Errorf("report of %s: %w", community, err)
		}
	}
	return r, nil
}

func (r *Report) filter(by string, weeksBack int) analytics.Filter {
	shift := time.Duration(weeksBack) * Week
	return analytics.Filter{Community: r.Community, From: r.From.Add(-shift), To: r.To.Add(-shift), By: by, Interval: "hour"}
}

// volumes counts the messages of both weeks in total and by breakdown.
func (s *Service) volumes(ctx context.Context, r *Report) error {
	for _, b := range []struct {
		by  string
		out *[]Change
	}{{"channel", &r.ByChannel}, {"class", &r.ByClass}, {"department", &r.ByDepartment}} {
		counts := map[string]*Change{}
		for back := 0; back <= 1; back++ {
			pts, err := s.Figures.Volume(ctx, r.filter(b.by, back))
			if err != nil {
				return err
			}
			for _, p := range pts {
				c := counts[p.Key]
				if c == nil {
					c = &Change{Key: p.Key}
					counts[p.Key] = c
				}
				if back == 0 {
					c.Now += p.Count
				} else {
					c.Prev += p.Count
				}
			}
		}
		*b.out = sorted(counts)
	}
	for _, c := range r.ByChannel {
		r.Volume.Now, r.Volume.Prev = r.Volume.Now+c.Now, r.Volume.Prev+c.Prev
	}
	return nil
}

// sorted orders changes by this week's count, then the week before's, then key.
func sorted(m map[string]*Change) []Change {
	out := make([]Change, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Now != b.Now {
			return a.Now > b.Now
		}
		if a.Prev != b.Prev {
			return a.Prev > b.Prev
		}
		return a.Key < b.Key
	})
	return out
}

// moods sums the sentiment of both weeks and of each day of this one (days
// in the report's time zone).
func (s *Service) moods(ctx context.Context, r *Report) error {
	for back := 0; back <= 1; back++ {
		pts, err := s.Figures.Sentiment(ctx, r.filter("", back))
		if err != nil {
			return err
		}
		total, days := Mood{}, map[time.Time]*Mood{}
		for _, p := range pts {
			add(&total, p)
			if back == 0 {
				l := p.Time.In(r.Location)
				d := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, r.Location)
				if days[d] == nil {
					days[d] = &Mood{}
				}
				add(days[d], p)
			}
		}
		if back == 0 {
			r.Mood = finish(total)
			for d, m := range days {
				r.Days = append(r.Days, Day{Day: d, Mood: finish(*m)})
			}
			sort.Slice(r.Days, func(i, j int) bool { return r.Days[i].Day.Before(r.Days[j].Day) })
		} else {
			r.PrevMood = finish(total)
		}
	}
	return nil
}

// add sums a bucket into m; Mean holds the sum of scores until finish.
func add(m *Mood, p analytics.SentimentPoint) {
	m.Messages += p.Messages
	m.Negative += p.Negative
	m.Positive += p.Positive
	m.Mean += p.Mean * float64(p.Messages)
}

func finish(m Mood) Mood {
	if m.Messages > 0 {
		m.Mean /= float64(m.Messages)
	}
	return m
}

// sla puts each department's on-time share next to the week before's.
func (s *Service) sla(ctx context.Context, r *Report) error {
	by := map[string]*SLAChange{}
	for back := 0; back <= 1; back++ {
		figs, err := s.Figures.SLA(ctx, r.filter("department", back))
		if err != nil {
			return err
		}
		for _, f := range figs {
			key := f.Department + "/" + f.Kind
			c := by[key]
			if c == nil {
				c = &SLAChange{Department: f.Department, Kind: f.Kind}
				by[key] = c
			}
			if back == 0 {
				c.Count, c.Now, c.HasNow = f.Count, f.OnTimePercent, f.WithTarget > 0
			} else {
				c.Prev, c.HasPrev = f.OnTimePercent, f.WithTarget > 0
			}
		}
	}
	for _, c := range by {
		r.SLA = append(r.SLA, *c)
	}
	sort.Slice(r.SLA, func(i, j int) bool {
		if r.SLA[i].Department != r.SLA[j].Department {
			return r.SLA[i].Department < r.SLA[j].Department
		}
		return r.SLA[i].Kind < r.SLA[j].Kind
	})
	return nil
}

// backlog compares the open messages per department at the end of each
// week: now for a week that ends now, else the last hourly sample.
func (s *Service) backlog(ctx context.Context, r *Report) error {
	counts := map[string]*Change{}
	for back := 0; back <= 1; back++ {
		pts, err := s.backlogAt(ctx, r.Community, r.To.Add(-time.Duration(back)*Week))
		if err != nil {
			return err
		}
		for _, p := range pts {
			c := counts[p.Key]
			if c == nil {
				c = &Change{Key: p.Key}
				counts[p.Key] = c
			}
			if back == 0 {
				c.Now = p.Count
			} else {
				c.Prev = p.Count
			}
		}
	}
	r.Backlog = sorted(counts)
	return nil
}

func (s *Service) backlogAt(ctx context.Context, community string, at time.Time) ([]analytics.Point, error) {
	if s.now().Sub(at) < 2*time.Hour {
		return s.Figures.Backlog(ctx, analytics.Filter{Community: community})
	}
	pts, err := s.Figures.BacklogHistory(ctx, analytics.Filter{Community: community, From: at.Add(-3 * time.Hour), To: at, Interval: "hour"})
	if err != nil {
		return nil, err
	}
	last := map[string]analytics.Point{}
	for _, p := range pts {
		if q, ok := last[p.Key]; !ok || p.Time.After(q.Time) {
			last[p.Key] = p
		}
	}
	out := make([]analytics.Point, 0, len(last))
	for _, p := range last {
		out = append(out, p)
	}
	return out, nil
}

func (s *Service) terms(ctx context.Context, r *Report) (err error) {
	r.Terms, err = s.Figures.RisingTerms(ctx, r.filter("", 0), TopTerms)
	return err
}

// incidents lists the community's incidents that started during the week (stream
// time of their first alert: right for a replay too).
func (s *Service) incidents(ctx context.Context, r *Report) (err error) {
	r.Incidents, err = s.Store.IncidentsStarted(ctx, r.Community, r.From, r.To)
	return err
}
