package crisis

import (
	"sync"
	"time"
)

// Detector watches the routed stream: it feeds every event into the burst
// series of its community (all, negative, its class, each of its terms),
// follows replies and reposts per post, and flags negative messages from
// opinion leaders. It is safe for concurrent use; one mutex guards it, so
// calls are serialised.
type Detector struct {
	mu      sync.Mutex
	p       *params
	series  map[seriesKey]*tracked
	terms   map[string]*termSet // per community
	viral   *virality
	leaders *leaders
	stats   Stats
}

// seriesKey names one series: a community and a series name.
type seriesKey struct{ community, name string }

// Stats counts what the detector holds and has done.
type Stats struct {
	Series  int   `json:"series"`  // series held now
	Events  int64 `json:"events"`  // events observed
	Updates int64 `json:"updates"` // buckets closed
	Evicted int64 `json:"evicted"` // series evicted (idle or over a limit)
	Alerts  int64 `json:"alerts"`  // alerts raised
}

// NewDetector returns a detector with the given configuration.
func NewDetector(c Config) (*Detector, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	p := newParams(c)
	return &Detector{
		p:       p,
		series:  make(map[seriesKey]*tracked),
		terms:   make(map[string]*termSet),
		viral:   newVirality(c.Viral),
		leaders: newLeaders(c.Leader),
	}, nil
}

// Observe feeds one event and returns the alerts it raises: buckets it
// closes, an early burst alert when a bucket is already improbable, a
// viral post, an opinion leader. Events should come roughly in time order;
// a late event counts in its series' open bucket.
func (d *Detector) Observe(ev Event) []Alert {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stats.Events++
	b := d.p.bucketOf(ev.Time)
	var out []Alert
	for _, name := range seriesNames(ev) {
		out = d.count(out, seriesKey{ev.Community, name}, b)
	}
	if a, ok := d.viral.observe(ev); ok {
		out = append(out, a)
	}
	if a, ok := d.leaders.observe(ev); ok {
		out = append(out, a)
	}
	d.stats.Alerts += int64(len(out))
	return out
}

// count adds one message to a series in bucket b.
func (d *Detector) count(out []Alert, k seriesKey, b int64) []Alert {
	t := d.get(k, b)
	if pt, ok := d.advance(t, b); ok {
		out = append(out, d.burst(k, pt))
	}
	if pt, ok := t.add(); ok {
		out = append(out, d.burst(k, pt))
	}
	return out
}

// advance moves a series to bucket b, counting the buckets it closes.
func (d *Detector) advance(t *tracked, b int64) (Point, bool) {
	if t.open && b > t.bucket {
		d.stats.Updates += min(b-t.bucket, maxGap+1)
	}
	return t.advance(b)
}

// Tick closes every bucket that ended before now, returns the alerts they
// raise and evicts series idle for longer than IdleTTL. Call it about once
// per bucket so that silent series are scored too.
func (d *Detector) Tick(now time.Time) []Alert {
	d.mu.Lock()
	defer d.mu.Unlock()
	b := d.p.bucketOf(now)
	idle := b - int64(d.p.IdleTTL/d.p.Bucket)
	var out []Alert
	for k, t := range d.series {
		if t.bucket < idle {
			d.drop(k)
			continue
		}
		if pt, ok := d.advance(t, b); ok {
			out = append(out, d.burst(k, pt))
		}
	}
	d.viral.expire(now)
	d.stats.Alerts += int64(len(out))
	return out
}

// Stats returns the detector's counters.
func (d *Detector) Stats() Stats {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := d.stats
	s.Series = len(d.series)
	return s
}
