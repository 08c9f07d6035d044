package crisis

import (
	"sort"
	"strings"
)

// topTerms is how many rising terms a burst alert carries.
const topTerms = 5

// burst builds the alert of a series point and names the community's
// fastest-rising terms in that bucket.
func (d *Detector) burst(k seriesKey, pt Point) Alert {
	return Alert{
		Kind: KindBurst, Community: k.community, Series: k.name, Time: pt.Time,
		Score: pt.Score, Observed: pt.Observed, Expected: pt.Expected,
		Terms: d.risingTerms(k, d.p.bucketOf(pt.Time)),
	}
}

// risingTerms returns the terms of a community whose count in bucket b
// most exceeds their expected count (at least two messages above it).
func (d *Detector) risingTerms(k seriesKey, b int64) []string {
	if strings.HasPrefix(k.name, termPrefix) {
		return []string{strings.TrimPrefix(k.name, termPrefix)}
	}
	ts := d.terms[k.community]
	if ts == nil {
		return nil
	}
	type rising struct {
		term   string
		excess float64
	}
	var rs []rising
	for name, t := range ts.m {
		if x, ok := t.excessAt(b); ok && x >= 2 {
			rs = append(rs, rising{strings.TrimPrefix(name, termPrefix), x})
		}
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].excess != rs[j].excess {
			return rs[i].excess > rs[j].excess
		}
		return rs[i].term < rs[j].term
	})
	out := make([]string, 0, min(len(rs), topTerms))
	for _, r := range rs[:min(len(rs), topTerms)] {
		out = append(out, r.term)
	}
	return out
}
