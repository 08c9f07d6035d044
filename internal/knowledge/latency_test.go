package knowledge

import (
	"slices"
	"testing"
	"time"
)

// synthIndex indexes n synthetic answers.
func synthIndex(tb testing.TB, n int) (*Index, *synth) {
	tb.Helper()
	s := newSynth(7, 30_000)
	ix := NewIndex(DefaultParams())
	for i := range n {
		if err := ix.Put(s.answer(i)); err != nil {
			tb.Fatal(err)
		}
	}
	return ix, s
}

// percentile returns the p-th percentile (0 < p ≤ 1) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(float64(len(sorted))*p+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// BenchmarkSuggest10k measures one suggestion over 10,000 answers and
// reports the latency percentiles, p99 included, besides ns/op.
func BenchmarkSuggest10k(b *testing.B) { benchSuggest(b, 0) }

// BenchmarkSuggestLearning10k is BenchmarkSuggest10k with an agent's answer
// learnt (outside the timing) before every tenth suggestion, so those
// suggestions pay for the index having changed.
func BenchmarkSuggestLearning10k(b *testing.B) { benchSuggest(b, 10) }

func benchSuggest(b *testing.B, learnEvery int) {
	ix, s := synthIndex(b, 10_000)
	queries := make([]Query, 1000)
	for i := range queries {
		queries[i] = s.query()
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if learnEvery > 0 && i%learnEvery == 0 {
			b.StopTimer()
			if _, err := ix.Learn(s.answer(i%10_000).ID, queries[i%len(queries)].Text); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		start := time.Now()
		ix.Suggest(queries[i%len(queries)])
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportLatency(b, lat)
}

// reportLatency adds the p50, p99 and maximum of lat to the benchmark.
func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	b.ReportMetric(float64(percentile(lat, 0.50).Microseconds()), "p50-µs")
	b.ReportMetric(float64(percentile(lat, 0.99).Microseconds()), "p99-µs")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds()), "max-µs")
}

// BenchmarkLearn10k measures learning from one use in a 10,000-answer index.
func BenchmarkLearn10k(b *testing.B) {
	ix, s := synthIndex(b, 10_000)
	for i := 0; b.Loop(); i++ {
		if _, err := ix.Learn(s.answer(i%10_000).ID, s.query().Text); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSuggestLatency10k guards the latency target (p99 under 10 ms for
// 10,000 answers) with room for a busy machine: it fails above 30 ms.
func TestSuggestLatency10k(t *testing.T) {
	if testing.Short() {
		t.Skip("latency check skipped in -short mode")
	}
	ix, s := synthIndex(t, 10_000)
	lat := make([]time.Duration, 500)
	for i := range lat {
		q := s.query()
		start := time.Now()
		if len(ix.Suggest(q)) == 0 {
			t.Fatalf("no suggestion for %q", q.Text)
		}
		lat[i] = time.Since(start)
	}
	slices.Sort(lat)
	p99 := percentile(lat, 0.99)
	t.Logf("10,000 answers: p50 %v, p99 %v", percentile(lat, 0.5), p99)
	if p99 > 30*time.Millisecond {
		t.Errorf("p99 %v above 30 ms", p99)
	}
}
