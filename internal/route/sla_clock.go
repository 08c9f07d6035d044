package route

import (
	"fmt"
	"time"
)

// Clock counts working time in a department's business hours, for SLA
// targets: a target of 1h set at 17:30 on a Friday, with hours 09:00–18:00
// Monday to Friday, is due at 09:30 on Monday. A clock without days works
// every day, and without start and end every hour; an end of 23:59 runs to
// midnight.
type Clock struct {
	loc        *time.Location
	days       [7]bool // by time.Weekday
	start, end time.Duration
}

var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// NewClock makes the clock of these business hours.
func NewClock(b BusinessHours) (Clock, error) {
	c := Clock{loc: time.UTC, end: 24 * time.Hour}
	if b.Timezone != "" {
		loc, err := time.LoadLocation(b.Timezone)
		if err != nil {
			return c, fmt.Errorf("business hours: time zone %q: %w", b.Timezone, err)
		}
		c.loc = loc
	}
	for _, d := range b.Days {
		wd, ok := weekdays[d]
		if !ok {
			return c, fmt.Errorf("business hours: day %q: want mon … sun", d)
		}
		c.days[wd] = true
	}
	if len(b.Days) == 0 {
		c.days = [7]bool{true, true, true, true, true, true, true}
	}
	var err error
	if c.start, err = clockOffset(b.Start, 0); err != nil {
		return c, err
	}
	if c.end, err = clockOffset(b.End, 24*time.Hour); err != nil {
		return c, err
	}
	if c.end <= c.start {
		return c, fmt.Errorf("business hours: end %s is not after start %s", b.End, b.Start)
	}
	return c, nil
}

func clockOffset(s string, empty time.Duration) (time.Duration, error) {
	if s == "" {
		return empty, nil
	}
	if s == "23:59" {
		return 24 * time.Hour, nil
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("business hours %q: want HH:MM", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// window gives the working interval of the day holding t, if it works.
func (c Clock) window(t time.Time) (from, to time.Time, ok bool) {
	y, m, d := t.In(c.loc).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, c.loc)
	if !c.days[day.Weekday()] {
		return from, to, false
	}
	return at(day, c.start, c.loc), at(day, c.end, c.loc), true
}

// at gives the wall-clock time off after the midnight day, in loc (so that a
// daylight-saving change keeps 09:00 at 09:00).
func at(day time.Time, off time.Duration, loc *time.Location) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, int(off/time.Hour), int(off%time.Hour/time.Minute), 0, 0, loc)
}

func nextDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// Add gives the time when d of working time has passed since start.
func (c Clock) Add(start time.Time, d time.Duration) time.Time {
	t := start
	for range 3700 { // ten years of days: bounds a clock that never works
		from, to, ok := c.window(t)
		if ok && t.Before(to) {
			if t.Before(from) {
				t = from
			}
			if left := to.Sub(t); d <= left {
				return t.Add(d)
			} else {
				d -= left
			}
		}
		t = nextDay(t, c.loc)
	}
	return t
}

// Working gives the working time between a and b (0 when b is not after a).
func (c Clock) Working(a, b time.Time) time.Duration {
	var sum time.Duration
	t := a
	for i := 0; t.Before(b) && i < 3700; i++ {
		from, to, ok := c.window(t)
		if ok {
			lo, hi := maxTime(t, from), minTime(b, to)
			if hi.After(lo) {
				sum += hi.Sub(lo)
			}
		}
		t = nextDay(t, c.loc)
	}
	return sum
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
