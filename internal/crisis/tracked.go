package crisis

import "math"

// tracked is one series fed by events: the detector plus its open bucket.
type tracked struct {
	s        Series
	bucket   int64   // open bucket
	count    float64 // messages in it so far
	trigger  float64 // count from which it may alert before closing
	expected float64 // expected count of the open bucket
	alerted  bool    // alerted before closing
	open     bool
	closed   closedBucket
}

// closedBucket remembers the last closed bucket with messages, so that a
// burst alert can name the terms that rose in it.
type closedBucket struct {
	bucket int64
	excess float64 // count above expected
}

// excessAt returns how far bucket b's count exceeded its expected count,
// if b is the open or the last closed bucket with messages.
func (t *tracked) excessAt(b int64) (float64, bool) {
	switch {
	case t.open && t.bucket == b:
		return t.count - t.expected, true
	case t.closed.bucket == b:
		return t.closed.excess, true
	}
	return 0, false
}

// maxGap bounds the empty buckets filled in one step; longer silences
// are learned as that many empty buckets.
const maxGap = 7 * 24 * 12

// advance closes the open bucket and the empty ones up to bucket b (not
// included) and opens b. It returns the alert of the closed bucket, if any.
func (t *tracked) advance(b int64) (Point, bool) {
	if !t.open {
		t.openBucket(b)
		return Point{}, false
	}
	if b <= t.bucket {
		return Point{}, false
	}
	pt, alert := t.closeOpen()
	gap := min(b-t.bucket-1, maxGap)
	for i := b - gap; i < b; i++ {
		hour, day := t.s.p.slots(i)
		t.s.close(i, hour, day, 0)
	}
	t.openBucket(b)
	return pt, alert
}

// closeOpen scores the open bucket; an alert already raised early is not
// raised again.
func (t *tracked) closeOpen() (Point, bool) {
	hour, day := t.s.p.slots(t.bucket)
	if t.count > 0 {
		t.closed = closedBucket{t.bucket, t.count - t.expected}
	}
	pt := t.s.close(t.bucket, hour, day, t.count)
	pt.Time = t.s.p.timeOf(t.bucket)
	return pt, pt.Alert() && !t.alerted
}

// openBucket starts bucket b and computes its early trigger.
func (t *tracked) openBucket(b int64) {
	t.bucket, t.count, t.alerted, t.open = b, 0, false, true
	hour, day := t.s.p.slots(b)
	t.expected = t.s.countOf(t.s.base.predict(hour, day))
	// the volume floor counts the excess of the last buckets too
	t.trigger = t.expected + max(1, t.s.p.MinExcess-float64(t.s.pastExcess()))
	if t.s.base.n < t.s.p.warm {
		t.trigger = math.Inf(1)
	}
}

// add counts one message in the open bucket and reports an early alert
// when the partial count is already an alert.
func (t *tracked) add() (Point, bool) {
	t.count++
	if t.alerted || t.count < t.trigger {
		return Point{}, false
	}
	hour, day := t.s.p.slots(t.bucket)
	v := t.s.verdict(t.bucket, hour, day, t.count)
	if v.score < AlertThreshold {
		t.trigger = t.count*1.1 + 1 // check again after 10% more
		return Point{}, false
	}
	t.alerted = true
	return Point{Time: t.s.p.timeOf(t.bucket), Observed: t.count, Expected: t.expected, Score: v.score}, true
}
