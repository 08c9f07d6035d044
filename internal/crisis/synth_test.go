package crisis

import (
	"math"
	"math/rand/v2"
	"time"
)

// start is a Monday at midnight UTC.
var start = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// rhythm is the expected count at t of a synthetic stream: a daily cycle
// (busy afternoons, quiet nights), quieter weekends, a slow upward trend.
func rhythm(t time.Time, base float64) float64 {
	h := float64(t.Hour()) + float64(t.Minute())/60
	daily := 1 + 0.8*math.Sin(2*math.Pi*(h-9)/24)
	weekly := 1.0
	if d := t.Weekday(); d == time.Saturday || d == time.Sunday {
		weekly = 0.5
	}
	trend := 1 + 0.2*t.Sub(start).Hours()/(24*28)
	return base * daily * weekly * trend
}

// poisson draws a Poisson count (normal approximation above 50).
func poisson(r *rand.Rand, lambda float64) float64 {
	if lambda > 50 {
		return math.Max(0, math.Round(lambda+math.Sqrt(lambda)*r.NormFloat64()))
	}
	l, k, p := math.Exp(-lambda), 0.0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// spike is an injected burst from at, for n buckets: the rhythm times
// factor, plus a fixed number of messages.
type spike struct {
	at     time.Time
	n      int
	factor float64
	plus   float64
}

// in reports whether t falls in the spike.
func (s spike) in(t time.Time) bool {
	return !t.Before(s.at) && t.Before(s.at.Add(time.Duration(s.n)*5*time.Minute))
}

// synth returns a seasonal Poisson stream of 5-minute buckets with the
// given spikes.
func synth(seed uint64, days int, base float64, spikes ...spike) ([]time.Time, []float64) {
	r := rand.New(rand.NewPCG(seed, 1))
	n := days * 288
	ts, vs := make([]time.Time, n), make([]float64, n)
	for i := range n {
		t := start.Add(time.Duration(i) * 5 * time.Minute)
		lambda, plus := rhythm(t, base), 0.0
		for _, s := range spikes {
			if s.in(t) {
				lambda, plus = lambda*s.factor, plus+s.plus
			}
		}
		ts[i], vs[i] = t, poisson(r, lambda)+plus
	}
	return ts, vs
}
