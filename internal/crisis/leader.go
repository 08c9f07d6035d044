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

// observe reports an opinion leader posting negatively: an author with
// MinFollowers, or one whose influence score in the community reaches
// MinInfluence with at least InfluenceFollowers followers.
func (l *leaders) observe(ev Event) (Alert, bool) {
	if !ev.Negative || !l.isLeader(ev) {
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
	score := 0.0
	if l.c.MinFollowers > 0 {
		score = float64(ev.Followers) / float64(ev.Followers+l.c.MinFollowers)
	}
	return Alert{
		Kind: KindLeader, Community: ev.Community, Time: ev.Time,
		Score:  max(score, min(ev.Influence/100, 1)),
		PostID: ev.PostID, Author: ev.Author, Followers: ev.Followers,
	}, true
}

func (l *leaders) isLeader(ev Event) bool {
	if l.c.MinFollowers > 0 && ev.Followers >= l.c.MinFollowers {
		return true
	}
	return l.c.MinInfluence > 0 && ev.Influence >= l.c.MinInfluence && ev.Followers >= l.c.InfluenceFollowers
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
// author with at least MinFollowers followers, or with an influence score of
// at least MinInfluence in the community (0 turns it off) and at least
// InfluenceFollowers followers (so the top of a tiny community pages no one),
// alerts, at most once per author per Quiet period.
type LeaderConfig struct {
	MinFollowers       int64
	MinInfluence       float64
	InfluenceFollowers int64
	Quiet              time.Duration
	MaxAuthors         int
}

// DefaultLeaderConfig returns the production opinion-leader settings.
func DefaultLeaderConfig() LeaderConfig {
	return LeaderConfig{MinFollowers: 50_000, MinInfluence: 90, InfluenceFollowers: 10_000,
		Quiet: 6 * time.Hour, MaxAuthors: 10_000}
}
