package crisis

import "time"

// ViralConfig tunes the virality detector: a post alerts when the replies
// and reposts it received in the last Window number at least MinCount and at
// least Growth times as many as in the Window before.
type ViralConfig struct {
	Window   time.Duration
	MinCount int
	Growth   float64
	MaxPosts int // posts followed at once; the quietest are forgotten first
}

// DefaultViralConfig returns the production virality settings.
func DefaultViralConfig() ViralConfig {
	return ViralConfig{Window: 10 * time.Minute, MinCount: 20, Growth: 2, MaxPosts: 20_000}
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
