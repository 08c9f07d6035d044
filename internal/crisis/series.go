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
	hz   [maxHorizons]horizon
	tail tail
	held heldBurst
	past excessRing // each recent bucket's count above its expected count
}

// heldBurst remembers the burst that raised the last alert, for the
// hold-off: it lasts HoldOff after the last bucket where the burst would
// still alert on its own with MinExcess messages in that bucket alone.
// Meanwhile a bucket alerts only if its count is improbably far above the
// burst's peak, as if the peak were the baseline.
type heldBurst struct {
	bucket int64   // last bucket of the burst
	level  float32 // log count of the highest bucket that alerted
	on     bool
}

// NewSeries returns an empty series detector.
func NewSeries(c Config) (*Series, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return newSeries(newParams(c)), nil
}

func newSeries(p *params) *Series {
	s := &Series{p: p}
	s.tail.prior(float32(24 * time.Hour / p.Bucket))
	return s
}

// Add scores the bucket holding t, whose count is n, then learns it.
// Buckets must come in increasing time order; a bucket with no messages
// must be added with n = 0 (Add does not fill gaps).
func (s *Series) Add(t time.Time, n float64) Point {
	b := s.p.bucketOf(t)
	hour, day := s.p.slots(b)
	pt := s.close(b, hour, day, n)
	pt.Time = s.p.timeOf(b)
	return pt
}

// close scores and learns one bucket.
func (s *Series) close(b int64, hour, day int, n float64) Point {
	v := s.verdict(b, hour, day, n)
	s.commit(v)
	s.base.update(s.p, hour, day, v.y)
	return Point{Observed: n, Expected: float64(v.expected), Score: v.score}
}

// verdict is the score of a bucket and what learning it will change.
type verdict struct {
	b             int64
	y, r          float32 // log count, residual in spreads against the baseline
	expected      float32 // expected count
	observed      float32
	evidence      float32 // largest residual in scales over the horizons
	score         float64 // the bucket's score, hold-off applied
	fresh         float64 // its score as if no alert were held
	zs            [maxHorizons]float32
	warm, holding bool
}

// verdict scores n messages in bucket b without changing the series.
func (s *Series) verdict(b int64, hour, day int, n float64) verdict {
	e := s.base.predict(hour, day)
	v := verdict{b: b, y: s.logOf(n), observed: float32(n), expected: float32(s.countOf(e))}
	v.r = (v.y - e) / s.base.spreadAt(s.p, hour, e)
	v.warm = s.base.n >= s.p.warm
	v.holding = s.holding(b)
	v.evidence = float32(math.Inf(-1))
	excess := float32(math.Inf(-1))
	for i, rate := range s.p.spans {
		h := &s.hz[i]
		mean := h.mean + rate*(v.r-h.mean)
		v.zs[i] = mean / max(h.scale, float32(s.p.MinScale))
		v.evidence = max(v.evidence, v.zs[i])
		// messages above expected in this bucket and the span's others
		excess = max(excess, s.past.sum(s.p.widths[i]-1)+v.observed-v.expected)
	}
	if !v.warm {
		return v
	}
	v.fresh = s.p.scoreOf(v.evidence, s.tailProb(v.evidence), float64(excess))
	v.score = v.fresh
	if v.holding {
		v.score = s.growth(v, hour, e)
	}
	return v
}

// growth scores a bucket during a hold-off against the held burst's peak.
func (s *Series) growth(v verdict, hour int, e float32) float64 {
	ref := max(e, s.held.level)
	z := (v.y - ref) / s.base.spreadAt(s.p, hour, ref)
	return s.p.scoreOf(z, s.tailProb(z), float64(v.observed)-s.countOf(ref))
}

// tailProb returns how rarely this series showed evidence e.
func (s *Series) tailProb(e float32) float64 {
	u, beta := s.tail.pot(float32(s.p.TailQuantile) * s.tail.total)
	return s.tail.probAbove(e, u, beta, s.p.TailQuantile)
}

// commit learns a scored bucket: horizons, evidence history, hold-off.
func (s *Series) commit(v verdict) {
	s.past.push(v.observed - v.expected)
	for i, rate := range s.p.spans {
		s.hz[i].add(s.p, rate, s.base.n, v.r)
	}
	if v.warm && !v.holding && v.score < AlertThreshold {
		s.tail.add(v.evidence, s.p.tailDecay)
	}
	switch {
	case v.score >= AlertThreshold:
		if !v.holding || v.y > s.held.level {
			s.held.level = v.y
		}
		s.held.bucket, s.held.on = v.b, true
	case v.holding && v.fresh >= AlertThreshold && v.burstBucket(s.p):
		s.held.bucket = v.b
	}
}

// pastExcess returns the largest excess the closed buckets bring to a
// horizon's volume floor: the bucket being scored needs MinExcess minus it.
func (s *Series) pastExcess() float32 {
	var x float32
	for _, w := range s.p.widths {
		x = max(x, s.past.sum(w-1))
	}
	return x
}

// burstBucket reports whether the bucket alone brought MinExcess messages
// above its expected count: only such buckets prolong a hold-off, so that a
// long, slow excess on a quiet stream does not hold it off for days.
func (v verdict) burstBucket(p *params) bool {
	return float64(v.observed-v.expected) >= p.MinExcess
}

// holding reports whether bucket b falls in the hold-off of the last alert.
func (s *Series) holding(b int64) bool {
	return s.held.on && b-s.held.bucket < s.p.hold
}

// scoreOf maps evidence z (in scales), its tail probability and the
// excess count to [0, 1]: the smallest of the improbability, log(1/p) on a
// scale where AlertTail scores 0.5 (and its square 1), the strength,
// z/(2·MinEvidence), and the volume, excess/(2·MinExcess). An alert thus
// needs a bucket that is rare for this series, far from its baseline in
// absolute terms, and at least MinExcess messages above the expected count.
func (p *params) scoreOf(z float32, prob, excess float64) float64 {
	if excess <= 0 || prob >= 1 || z <= 0 {
		return 0
	}
	score := math.Min(1, math.Log(1/prob)/(2*p.invTail))
	if p.MinEvidence > 0 {
		score = math.Min(score, float64(z)/(2*p.MinEvidence))
	}
	if p.MinExcess > 0 {
		score = math.Min(score, excess/(2*p.MinExcess))
	}
	return score
}

// bornQuiet makes a new series that is warm from the start with an
// expected count of zero: for a term or hashtag never seen, any burst of
// MinExcess messages is news.
func (s *Series) bornQuiet() {
	s.base.level, s.base.n = s.logOf(0), s.p.warm
	for i := range s.base.nHod {
		s.base.nHod[i] = math.MaxUint16
	}
	for i := range s.base.nDow {
		s.base.nDow[i] = math.MaxUint16
	}
}

func (s *Series) logOf(n float64) float32 { return float32(math.Log(max(n, 0) + s.p.Offset)) }

func (s *Series) countOf(y float32) float64 { return max(0, math.Exp(float64(y))-s.p.Offset) }
