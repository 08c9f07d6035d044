package crisis

import (
	"errors"
	"fmt"
	"time"
)

// Config tunes the detector. DefaultConfig gives the values used in
// production and in the NAB evaluation; all durations are wall-clock time.
type Config struct {
	Bucket   time.Duration  // width of a time bucket
	Location *time.Location // time zone of the daily and weekly rhythm

	LevelHalfLife  time.Duration // memory of the level (slow trend)
	DailyHalfLife  time.Duration // memory of the hour-of-day profile
	WeeklyHalfLife time.Duration // memory of the day-of-week profile
	ScaleHalfLife  time.Duration // memory of the residual scale
	WarmUp         time.Duration // no alert before a series has seen this much

	// Horizons are the spans over which residuals are averaged and tested
	// (at most 4); the bucket itself is the shortest.
	Horizons []time.Duration

	// Offset is added to counts before taking logs: log(count + Offset).
	Offset float64
	// MinScale is the smallest residual scale (log space) ever assumed.
	MinScale float64
	// Clip bounds, in scales, how far one bucket moves the baseline, so
	// that bursts do not become the new normal.
	Clip float64
	// AlertTail is the probability of a bucket's evidence, under the
	// series' own history of evidence, at which the score reaches 0.5.
	AlertTail float64
	// TailQuantile is the share of buckets above the peaks-over-threshold
	// level, beyond which the tail is extrapolated as exponential.
	TailQuantile float64
	// TailHalfLife is the memory of the history of evidence.
	TailHalfLife time.Duration
	// MinEvidence is the smallest residual, in scales, that may alert,
	// however calm the series' history: it keeps well-modelled streams
	// from paging on their own counting noise.
	MinEvidence float64
	// MinExcess is the number of messages above the expected count a
	// burst needs to alert at all: quiet streams do not page anyone. It is
	// counted over each horizon's span, at most ExcessSpan: a burst that
	// builds at a few messages a bucket on a quiet stream alerts once it
	// has brought MinExcess more messages than expected.
	MinExcess float64
	// ExcessSpan bounds the span over which a horizon's excess is counted
	// (a burst spread over six hours is not judged on six hours of excess);
	// 0 counts one bucket, at most 24 buckets.
	ExcessSpan time.Duration
	// HoldOff is how long after an alert a series only alerts again if the
	// burst grows beyond the level that raised it; it is extended while the
	// burst still brings MinExcess messages a bucket above the expected count.
	HoldOff time.Duration

	// IdleTTL is how long a series may go without messages before it is
	// evicted; MaxSeries bounds the number of series held at once.
	IdleTTL   time.Duration
	MaxSeries int
	// MaxTerms bounds the term series of one community.
	MaxTerms int

	Viral  ViralConfig
	Leader LeaderConfig
}

// DefaultConfig returns the production configuration.
func DefaultConfig() Config {
	return Config{
		Bucket:         5 * time.Minute,
		Location:       time.UTC,
		LevelHalfLife:  12 * time.Hour,
		DailyHalfLife:  4 * 24 * time.Hour,
		WeeklyHalfLife: 21 * 24 * time.Hour,
		ScaleHalfLife:  7 * 24 * time.Hour,
		WarmUp:         24 * time.Hour,
		Horizons:       []time.Duration{5 * time.Minute, time.Hour, 6 * time.Hour},
		Offset:         1,
		MinScale:       0.05,
		Clip:           3,
		AlertTail:      1e-3,
		TailQuantile:   0.02,
		TailHalfLife:   30 * 24 * time.Hour,
		MinEvidence:    5,
		MinExcess:      10,
		ExcessSpan:     time.Hour,
		HoldOff:        24 * time.Hour,
		IdleTTL:        7 * 24 * time.Hour,
		MaxSeries:      100_000,
		MaxTerms:       500,
		Viral:          DefaultViralConfig(),
		Leader:         DefaultLeaderConfig(),
	}
}

// Validate reports the first unusable setting.
func (c Config) Validate() error {
	switch {
	case c.Bucket <= 0:
		return errors.New("crisis: bucket must be positive")
	case c.Location == nil:
		return errors.New("crisis: no time zone")
	case c.LevelHalfLife <= 0 || c.DailyHalfLife <= 0 || c.WeeklyHalfLife <= 0 || c.ScaleHalfLife <= 0:
		return errors.New("crisis: half-lives must be positive")
	case c.ExcessSpan < 0 || c.ExcessSpan > excessBuckets*c.Bucket:
		return fmt.Errorf("crisis: excess span %s not in [0, %s]", c.ExcessSpan, excessBuckets*c.Bucket)
	case c.Offset <= 0 || c.MinScale <= 0 || c.Clip <= 0:
		return errors.New("crisis: offset, minimum scale and clip must be positive")
	case c.AlertTail <= 0 || c.AlertTail >= 0.5:
		return fmt.Errorf("crisis: alert tail %g not in (0, 0.5)", c.AlertTail)
	case len(c.Horizons) == 0 || len(c.Horizons) > maxHorizons:
		return fmt.Errorf("crisis: %d horizons, want 1 to %d", len(c.Horizons), maxHorizons)
	case c.TailQuantile <= 0 || c.TailQuantile >= 0.5 || c.TailHalfLife <= 0:
		return errors.New("crisis: tail quantile must be in (0, 0.5) and its half-life positive")
	case c.MaxSeries <= 0 || c.MaxTerms <= 0:
		return errors.New("crisis: series limits must be positive")
	case c.Leader.MinInfluence < 0 || c.Leader.MinInfluence > 100:
		return fmt.Errorf("crisis: leader influence %g not in [0, 100]", c.Leader.MinInfluence)
	}
	return nil
}
