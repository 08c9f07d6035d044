package crisis

import "strings"

// termSet indexes the term series of one community.
type termSet struct{ m map[string]*tracked }

// get returns the series of key k, creating it if needed (evicting
// another when a limit is reached).
func (d *Detector) get(k seriesKey, b int64) *tracked {
	if t, ok := d.series[k]; ok {
		return t
	}
	term := strings.HasPrefix(k.name, termPrefix)
	if term {
		d.makeRoomForTerm(k.community)
	}
	if len(d.series) >= d.p.MaxSeries {
		d.evictOne(func(seriesKey) bool { return true })
	}
	t := &tracked{s: *newSeries(d.p)}
	if term {
		if d.communityWarm(k.community) {
			t.s.bornQuiet()
		}
		d.termSet(k.community).m[k.name] = t
	}
	t.openBucket(b)
	d.series[k] = t
	return t
}

// communityWarm reports whether the community's all-messages series has
// warmed up: only then is a term never seen before news (before, every
// term is new).
func (d *Detector) communityWarm(community string) bool {
	t, ok := d.series[seriesKey{community, SeriesAll}]
	return ok && t.s.base.n >= d.p.warm
}

func (d *Detector) termSet(community string) *termSet {
	ts, ok := d.terms[community]
	if !ok {
		ts = &termSet{m: make(map[string]*tracked)}
		d.terms[community] = ts
	}
	return ts
}

// makeRoomForTerm evicts a term series of the community if it has MaxTerms.
func (d *Detector) makeRoomForTerm(community string) {
	ts := d.terms[community]
	if ts == nil || len(ts.m) < d.p.MaxTerms {
		return
	}
	d.evictOne(func(k seriesKey) bool {
		return k.community == community && strings.HasPrefix(k.name, termPrefix)
	})
}

// evictSample is how many candidates approximate LRU eviction looks at.
const evictSample = 16

// evictOne drops the least recently counted of a few series that match
// (Go's map order is random, so this is an approximate LRU, as in Redis).
func (d *Detector) evictOne(match func(seriesKey) bool) {
	var victim seriesKey
	found, seen := false, 0
	oldest := int64(0)
	for k, t := range d.series {
		if !match(k) {
			continue
		}
		if !found || t.bucket < oldest {
			victim, oldest, found = k, t.bucket, true
		}
		if seen++; seen >= evictSample {
			break
		}
	}
	if found {
		d.drop(victim)
	}
}

// drop forgets a series.
func (d *Detector) drop(k seriesKey) {
	delete(d.series, k)
	if ts := d.terms[k.community]; ts != nil {
		delete(ts.m, k.name)
		if len(ts.m) == 0 {
			delete(d.terms, k.community)
		}
	}
	d.stats.Evicted++
}
