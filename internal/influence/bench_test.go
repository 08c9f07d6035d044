package influence

import (
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// synthetic makes a graph of n people and m edges whose targets follow a
// power law (a few people get most of the attention, as on social
// networks), with weights of decayed interactions. Deterministic.
func synthetic(n, m int, seed uint64) []Edge {
	r := rand.New(rand.NewPCG(seed, 1))
	z := rand.NewZipf(r, 1.2, 8, uint64(n-1))
	perm := r.Perm(n) // popular people are spread over the index range
	edges := make([]Edge, m)
	for i := range edges {
		edges[i] = Edge{From: int32(r.IntN(n)), To: int32(perm[z.Uint64()]), W: float32(Decay(time.Duration(r.IntN(90*24))*time.Hour, DefaultHalfLife))}
	}
	return edges
}

// BenchmarkInfluence1M measures a full recomputation over 1 million people
// and 10 million edges (CSR build, then PageRank from uniform ranks), and
// the incremental update after 10,000 new interactions: the edges added to
// the graph as pending (no rebuild), then PageRank warm-started from the
// previous ranks, next to a cold run on the same graph; and the Compact that
// later folds the pending edges into the rows. Run it once:
//
//	go test ./internal/influence -run '^$' -bench Influence1M -benchtime 1x
func BenchmarkInfluence1M(b *testing.B) {
	const n, m, added = 1_000_000, 10_000_000, 10_000
	edges := synthetic(n, m, 1)
	more := synthetic(n, added, 2)
	edges = edges[:m:m]
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		g, err := Build(n, edges)
		if err != nil {
			b.Fatal(err)
		}
		build := time.Since(t0)
		t1 := time.Now()
		ranks, coldIters := PageRank(g, nil, RankParams{})
		cold := time.Since(t1)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		t2 := time.Now()
		if err := g.AddEdges(more); err != nil {
			b.Fatal(err)
		}
		add := time.Since(t2)
		t3 := time.Now()
		_, warmIters := PageRank(g, ranks, RankParams{})
		warm := time.Since(t3)
		t4 := time.Now()
		_, cold2Iters := PageRank(g, nil, RankParams{})
		cold2 := time.Since(t4)
		t5 := time.Now()
		g.Compact()
		compact := time.Since(t5)
		b.ReportMetric(build.Seconds(), "build-s")
		b.ReportMetric(cold.Seconds(), "cold-rank-s")
		b.ReportMetric(float64(coldIters), "cold-iters")
		b.ReportMetric((build + cold).Seconds(), "full-s")
		b.ReportMetric(add.Seconds()*1000, "add-ms")
		b.ReportMetric(warm.Seconds(), "warm-rank-s")
		b.ReportMetric(float64(warmIters), "warm-iters")
		b.ReportMetric(cold2.Seconds(), "cold-after-add-s")
		b.ReportMetric(float64(cold2Iters), "cold-after-add-iters")
		b.ReportMetric(compact.Seconds(), "compact-s")
		b.ReportMetric(float64(g.Bytes())/(1<<20), "graph-MiB")
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
	}
}
