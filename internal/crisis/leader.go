package crisis

import "time"

// leaders flags negative messages from authors with many followers, at
// most once per author and community per Quiet period.
type leaders struct {
	c    LeaderConfig
	last map[postKey]time.Time // community, author → last alert
}

func newLeaders(c LeaderConfig) *leaders {
	return &leaders{c: c, last: make(map[postKey]time.Time)}
}

// observe reports an opinion leader posting negatively.
func (l *leaders) observe(ev Event) (Alert, bool) {
	if !ev.Negative || l.c.MinFollowers <= 0 || ev.Followers < l.c.MinFollowers {
		return Alert{}, false
	}
	k := postKey{ev.Community, ev.Author}
	if t, ok := l.last[k]; ok && ev.Time.Sub(t) < l.c.Quiet {
		return Alert{}, false
	}
	if len(l.last) >= l.c.MaxAuthors {
		l.forget(ev.Time)
	}
	l.last[k] = ev.Time
	return Alert{
		Kind: KindLeader, Community: ev.Community, Time: ev.Time,
		Score:  float64(ev.Followers) / float64(ev.Followers+l.c.MinFollowers),
		PostID: ev.PostID, Author: ev.Author, Followers: ev.Followers,
	}, true
}

// forget drops authors whose quiet period is over, or, if none, the one
// that alerted longest ago among a few.
func (l *leaders) forget(now time.Time) {
	n := len(l.last)
	for k, t := range l.last {
		if now.Sub(t) >= l.c.Quiet {
			delete(l.last, k)
		}
	}
	if len(l.last) < n {
		return
	}
	var victim postKey
	var oldest time.Time
	seen := 0
	for k, t := range l.last {
		if seen == 0 || t.Before(oldest) {
			victim, oldest = k, t
		}
		if seen++; seen >= evictSample {
			break
		}
	}
	delete(l.last, victim)
}

// LeaderConfig tunes the opinion-leader signal: a negative message from an
// author with at least MinFollowers followers alerts, at most once per
// author per Quiet period.
type LeaderConfig struct {
	MinFollowers int64
	Quiet        time.Duration
	MaxAuthors   int
}

// DefaultLeaderConfig returns the production opinion-leader settings.
func DefaultLeaderConfig() LeaderConfig {
	return LeaderConfig{MinFollowers: 50_000, Quiet: 6 * time.Hour, MaxAuthors: 10_000}
}
