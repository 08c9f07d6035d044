package analytics

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// DefaultRange is the range of a figure when none is asked for: the last 7 days.
const DefaultRange = 7 * 24 * time.Hour

// ParseTime reads a time as RFC 3339 ("2015-02-22T00:00:00Z") or a UTC day ("2015-02-22").
func ParseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%w: time %q: want RFC 3339 (2015-02-22T00:00:00Z) or a day (2015-02-22)", ErrBadFilter, s)
}

// FilterFromQuery reads a filter from URL parameters community, from, to, by
// and interval. A day given as to counts in full ("to=2015-02-23" ends at the
// end of that day). Without to, the range ends at the end of the current
// hour; without from, it starts DefaultRange before its end.
func FilterFromQuery(v url.Values, now time.Time) (Filter, error) {
	f := Filter{Community: strings.TrimSpace(v.Get("community")), By: v.Get("by"), Interval: v.Get("interval")}
	var err error
	if s := v.Get("to"); s != "" {
		if f.To, err = ParseTime(s); err != nil {
			return f, err
		}
		if len(s) == len("2006-01-02") {
			f.To = f.To.AddDate(0, 0, 1)
		}
	} else {
		f.To = now.UTC().Truncate(time.Hour).Add(time.Hour)
	}
	if s := v.Get("from"); s != "" {
		if f.From, err = ParseTime(s); err != nil {
			return f, err
		}
	} else {
		f.From = f.To.Add(-DefaultRange)
	}
	return f, f.Check()
}
