package crisis

// excessBuckets bounds Config.ExcessSpan in buckets, so a series has a
// fixed size.
const excessBuckets = 24

// excessRing holds the count above the expected count of a series' last
// buckets, newest last, so that the volume floor (MinExcess) is judged on
// the messages a burst brought over a span, not one bucket's.
type excessRing struct {
	v    [excessBuckets]float32
	next uint8
}

// push records the excess of the bucket just closed.
func (r *excessRing) push(x float32) {
	r.v[r.next] = x
	r.next = (r.next + 1) % excessBuckets
}

// sum returns the total excess of the last n closed buckets (n ≤
// excessBuckets).
func (r *excessRing) sum(n int) float32 {
	var s float32
	i := int(r.next)
	for range min(n, excessBuckets) {
		i = (i + excessBuckets - 1) % excessBuckets
		s += r.v[i]
	}
	return s
}
