package analytics

import (
	"errors"
	"fmt"
	"time"
)

// ErrBadFilter is returned for a filter that cannot be answered: a range that
// is empty, reversed or too long, an unknown breakdown or interval.
var ErrBadFilter = errors.New("bad filter")

// MaxRange is the longest range a figure covers; MaxHourlyRange the longest
// drawn hour by hour.
const (
	MaxRange       = 5 * 366 * 24 * time.Hour
	MaxHourlyRange = 31 * 24 * time.Hour
)

// Filter selects what a figure covers: one community (its slug) or all (""),
// the range [From, To), a breakdown and the bucket size.
type Filter struct {
	Community string
	From, To  time.Time
	By        string // volume: "", channel, class, department, lang, community; SLA: "", department, agent
	Interval  string // "hour" or "day" ("" is day)
}

// Check reports what is wrong with f, wrapping ErrBadFilter.
func (f Filter) Check() error {
	switch {
	case f.From.IsZero() || f.To.IsZero():
		return fmt.Errorf("%w: from and to are both needed", ErrBadFilter)
	case !f.From.Before(f.To):
		return fmt.Errorf("%w: from %s is not before to %s", ErrBadFilter, f.From.Format(time.RFC3339), f.To.Format(time.RFC3339))
	case f.To.Sub(f.From) > MaxRange:
		return fmt.Errorf("%w: a range of at most %d days", ErrBadFilter, MaxRange/(24*time.Hour))
	case f.Interval != "" && f.Interval != "hour" && f.Interval != "day":
		return fmt.Errorf("%w: interval %q: hour or day", ErrBadFilter, f.Interval)
	case f.Interval == "hour" && f.To.Sub(f.From) > MaxHourlyRange:
		return fmt.Errorf("%w: hour by hour over at most %d days; ask for interval=day", ErrBadFilter, MaxHourlyRange/(24*time.Hour))
	}
	return nil
}

// Daily tells whether the figure is drawn day by day.
func (f Filter) Daily() bool { return f.Interval != "hour" }
