package crisis

import (
	"math"
	"time"
)

// params is a Config turned into per-update quantities, shared by series.
type params struct {
	Config
	level, daily, weekly, scale float32   // learning rate per update
	spreadRate                  float32   // learning rate of one hour's spread
	warm                        uint32    // buckets before alerts
	hold                        int64     // hold-off in buckets
	alertZ                      float64   // residual, in scales, at score 0.5
	invTail                     float64   // ln(1/AlertTail)
	spans                       []float32 // EMA rate of each horizon
	widths                      []int     // span of each horizon's excess, in buckets
	tailDecay                   float32   // retention of the evidence history per bucket
}

// newParams derives the learning rates from the half-lives: a component
// updated k times per half-life moves by 1-2^(-1/k) of each residual.
func newParams(c Config) *params {
	per := func(updates float64) float32 {
		return float32(1 - math.Exp2(-1/math.Max(updates, 1)))
	}
	perSlot := func(period time.Duration, slots float64, hl time.Duration) float32 {
		updatesPerPeriod := math.Max(1, float64(period)/slots/float64(c.Bucket))
		return per(float64(hl) / float64(period) * updatesPerPeriod)
	}
	return &params{
		Config:     c,
		level:      per(float64(c.LevelHalfLife) / float64(c.Bucket)),
		daily:      perSlot(24*time.Hour, 24, c.DailyHalfLife),
		weekly:     perSlot(7*24*time.Hour, 7, c.WeeklyHalfLife),
		spreadRate: perSlot(24*time.Hour, 24, c.ScaleHalfLife),
		scale:      per(float64(c.ScaleHalfLife) / float64(c.Bucket)),
		warm:       uint32(c.WarmUp / c.Bucket),
		hold:       int64(c.HoldOff / c.Bucket),
		alertZ:     math.Log(0.5 / c.AlertTail),
		invTail:    math.Log(1 / c.AlertTail),
		spans:      horizonRates(c),
		widths:     horizonWidths(c),
		tailDecay:  float32(math.Exp2(-float64(c.Bucket) / float64(c.TailHalfLife))),
	}
}

func horizonRates(c Config) []float32 {
	out := make([]float32, len(c.Horizons))
	for i, h := range c.Horizons {
		out[i] = emaRate(float64(h) / float64(c.Bucket))
	}
	return out
}

// horizonWidths returns the span, in buckets, over which each horizon's
// excess is counted: the horizon, at most ExcessSpan, at least one bucket.
func horizonWidths(c Config) []int {
	out := make([]int, len(c.Horizons))
	for i, h := range c.Horizons {
		out[i] = max(1, int(min(h, c.ExcessSpan)/c.Bucket))
	}
	return out
}

// slots returns the hour of day and day of week (Sunday = 0) of a bucket.
func (p *params) slots(bucket int64) (hour, day int) {
	t := time.Unix(bucket*int64(p.Bucket/time.Second), 0).In(p.Location)
	return t.Hour(), int(t.Weekday())
}

// bucketOf returns the index of the bucket holding t.
func (p *params) bucketOf(t time.Time) int64 {
	return floorDiv(t.Unix(), int64(p.Bucket/time.Second))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// timeOf returns the start of a bucket.
func (p *params) timeOf(bucket int64) time.Time {
	return time.Unix(bucket*int64(p.Bucket/time.Second), 0).In(p.Location)
}
