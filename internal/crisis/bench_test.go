package crisis

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkSeriesAdd measures one series update: scoring and learning one
// closed bucket.
func BenchmarkSeriesAdd(b *testing.B) {
	ts, vs := synth(1, 28, 40)
	s := mustSeries(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		k := i % len(ts)
		if k == 0 && i > 0 {
			s = mustSeries(b)
		}
		s.Add(ts[k], vs[k])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}

// BenchmarkDetectorTick measures the bucket closes of 10,000 series (100
// communities × 100 series, warm) driven by Tick: one op closes one
// bucket of every series.
func BenchmarkDetectorTick(b *testing.B) {
	d := mustDetector(b, DefaultConfig())
	t0 := start
	for c := range 100 {
		for n := range 99 {
			d.Observe(Event{Community: fmt.Sprint(c), Time: t0, Terms: []string{fmt.Sprint("t", n)}})
		}
	}
	series := d.Stats().Series
	for i := range 2 * 288 { // warm up two days
		d.Tick(t0.Add(time.Duration(i+1) * 5 * time.Minute))
	}
	before := d.Stats().Updates
	b.ResetTimer()
	for i := range b.N {
		d.Tick(t0.Add(time.Duration(2*288+i+1) * 5 * time.Minute))
	}
	updates := d.Stats().Updates - before
	b.ReportMetric(float64(updates)/b.Elapsed().Seconds(), "updates/s")
	b.ReportMetric(float64(series), "series")
}

// BenchmarkDetectorObserve measures events through Observe: each event
// counts in all, maybe negative, its class and three terms, in one of 50
// communities.
func BenchmarkDetectorObserve(b *testing.B) {
	d := mustDetector(b, DefaultConfig())
	r := rand.New(rand.NewPCG(1, 1))
	evs := make([]Event, 4096)
	for i := range evs {
		evs[i] = Event{
			Community: fmt.Sprint("c", r.IntN(50)), Negative: r.IntN(4) == 0, Class: fmt.Sprint("k", r.IntN(5)),
			Terms: []string{fmt.Sprint("w", r.IntN(300)), fmt.Sprint("w", r.IntN(300)), fmt.Sprint("w", r.IntN(300))},
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		ev := evs[i%len(evs)]
		ev.Time = start.Add(time.Duration(i) * 50 * time.Millisecond)
		d.Observe(ev)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
