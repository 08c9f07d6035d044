package crisis

import (
	"math"
	"time"
)

// Point is the verdict on one closed bucket of a series.
type Point struct {
	Time     time.Time // start of the bucket
	Observed float64   // messages in the bucket
	Expected float64   // what the baseline expected
	Score    float64   // in [0, 1]; ≥ 0.5 is an alert
}

// Alert reports whether the point is an alert.
func (p Point) Alert() bool { return p.Score >= AlertThreshold }

// AlertThreshold is the score from which a bucket is an alert.
const AlertThreshold = 0.5

// Series is the burst detector of one stream of counts: buckets go in, in
// time order, and each comes out scored. Its state has a fixed size. A
// Series is not safe for concurrent use.
type Series struct {
	p    *params
	base baseline
	held heldBurst
}

// heldBurst remembers the last alert, for the hold-off.
type heldBurst struct {
	bucket int64   // bucket of the last alert
	level  float32 // log count that raised it (the highest since)
	on     bool
}

// NewSeries returns an empty series detector.
func NewSeries(c Config) (*Series, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &Series{p: newParams(c)}, nil
}

// Add scores the bucket holding t, whose count is n, then learns it.
// Buckets must come in increasing time order; a bucket with no messages
// must be added with n = 0 (Add does not fill gaps).
func (s *Series) Add(t time.Time, n float64) Point {
	b := s.p.bucketOf(t)
	hour, day := s.p.slots(b)
	pt := s.close(b, hour, day, n)
	pt.Time = time.Unix(b*int64(s.p.Bucket/time.Second), 0).In(s.p.Location)
	return pt
}

// close scores and learns one bucket.
func (s *Series) close(b int64, hour, day int, n float64) Point {
	score, expected := s.score(b, hour, day, n)
	if score >= AlertThreshold {
		s.hold(b, n)
	}
	s.base.update(s.p, hour, day, s.logOf(n))
	return Point{Observed: n, Expected: expected, Score: score}
}

// hold starts or raises the hold-off after an alert.
func (s *Series) hold(b int64, n float64) {
	y := s.logOf(n)
	if !s.holding(b) || y > s.held.level {
		s.held.level = y
	}
	s.held.bucket, s.held.on = b, true
}

// holding reports whether bucket b falls in the hold-off of the last alert.
func (s *Series) holding(b int64) bool {
	return s.held.on && b-s.held.bucket < s.p.hold
}

// score returns the anomaly score of n messages in bucket b and the count
// the baseline expected.
func (s *Series) score(b int64, hour, day int, n float64) (score, expected float64) {
	e := s.base.predict(hour, day)
	expected = s.countOf(e)
	if s.base.n < s.p.warm {
		return 0, expected
	}
	ref := e
	if s.holding(b) {
		ref = max(ref, s.held.level)
	}
	z := float64(s.logOf(n)-ref) / float64(max(s.base.scale, float32(s.p.MinScale)))
	return s.p.scoreOf(z, n-s.countOf(ref)), expected
}

// scoreOf maps a residual z (in scales) and an excess count to [0, 1]:
// the tail probability of z under a Laplace law, on a log scale where 0.5
// is AlertTail, damped while the excess is below MinExcess.
func (p *params) scoreOf(z, excess float64) float64 {
	if z <= 0 || excess <= 0 {
		return 0
	}
	raw := math.Min(1, (z+math.Ln2)/(2*p.invTail))
	if p.MinExcess > 0 {
		raw *= math.Min(1, excess/p.MinExcess)
	}
	return raw
}

// trigger returns a count below which bucket b cannot alert (used to skip
// scoring partial buckets).
func (s *Series) trigger(b int64, hour, day int) float64 {
	if s.base.n < s.p.warm {
		return math.Inf(1)
	}
	ref := s.base.predict(hour, day)
	if s.holding(b) {
		ref = max(ref, s.held.level)
	}
	sc := float64(max(s.base.scale, float32(s.p.MinScale)))
	byZ := s.countOf(ref + float32((s.p.alertZ)*sc))
	return max(byZ, s.countOf(ref)+s.p.MinExcess/2)
}

func (s *Series) logOf(n float64) float32 { return float32(math.Log(max(n, 0) + s.p.Offset)) }

func (s *Series) countOf(y float32) float64 { return max(0, math.Exp(float64(y))-s.p.Offset) }
