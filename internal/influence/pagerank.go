package influence

import (
	"math"
	"runtime"
	"sync"
)

// RankParams tune the PageRank power iteration.
type RankParams struct {
	Damping float64 // probability of following an edge; 0.85 when 0
	Tol     float64 // stop when the L1 change of one step is below; 1e-6 when 0
	MaxIter int     // 100 when 0
	Workers int     // GOMAXPROCS when 0
}

func (p RankParams) withDefaults() RankParams {
	if p.Damping == 0 {
		p.Damping = 0.85
	}
	if p.Tol == 0 {
		p.Tol = 1e-6
	}
	if p.MaxIter == 0 {
		p.MaxIter = 100
	}
	if p.Workers <= 0 {
		p.Workers = runtime.GOMAXPROCS(0)
	}
	return p
}

// PageRank computes the weighted PageRank of g with a uniform teleport: at
// each step a walker follows an out-edge with probability Damping, chosen in
// proportion to its weight, else (and always from a dangling node) jumps to
// any node. It starts from start when it has g.N entries (a warm start from
// earlier ranks), else from the uniform vector, and returns the ranks (summing
// to 1) and the number of iterations run.
func PageRank(g *Graph, start []float32, p RankParams) ([]float32, int) {
	p = p.withDefaults()
	if g.N == 0 {
		return nil, 0
	}
	it := newIteration(g, p)
	rank := initial(g.N, start)
	next := make([]float32, g.N)
	iters := 0
	for iters < p.MaxIter {
		iters++
		delta := it.step(rank, next)
		rank, next = next, rank
		if delta < p.Tol {
			break
		}
	}
	return rank, iters
}

// initial is start normalised to sum 1, or uniform when start does not fit.
func initial(n int, start []float32) []float32 {
	r := make([]float32, n)
	var sum float64
	if len(start) == n {
		for i, v := range start {
			if v > 0 && !math.IsInf(float64(v), 0) {
				r[i] = v
				sum += float64(v)
			}
		}
	}
	if sum == 0 {
		for i := range r {
			r[i] = float32(1 / float64(n))
		}
		return r
	}
	for i := range r {
		r[i] = float32(float64(r[i]) / sum)
	}
	return r
}

// iteration holds what one power step needs besides the ranks: the share of
// rank each node gives per unit of edge weight (rank / out-weight), and the
// node ranges of the workers.
type iteration struct {
	g       *Graph
	p       RankParams
	share   []float32
	ranges  [][2]int
	partial []float64
}

func newIteration(g *Graph, p RankParams) *iteration {
	w := min(p.Workers, max(1, g.N/4096))
	it := &iteration{g: g, p: p, share: make([]float32, g.N), partial: make([]float64, w)}
	for i := 0; i < w; i++ {
		it.ranges = append(it.ranges, [2]int{i * g.N / w, (i + 1) * g.N / w})
	}
	return it
}

// parallel runs fn over the workers' node ranges and sums what they return.
func (it *iteration) parallel(fn func(lo, hi int) float64) float64 {
	var wg sync.WaitGroup
	for i, r := range it.ranges {
		wg.Add(1)
		go func(i, lo, hi int) {
			defer wg.Done()
			it.partial[i] = fn(lo, hi)
		}(i, r[0], r[1])
	}
	wg.Wait()
	var sum float64
	for _, x := range it.partial {
		sum += x
	}
	return sum
}

// step computes next from rank and returns the L1 distance between them:
// shares and the dangling mass, then the rows in parallel, then the pending
// edges, then the distance.
func (it *iteration) step(rank, next []float32) float64 {
	g, d := it.g, it.p.Damping
	dangling := it.parallel(func(lo, hi int) float64 {
		var dang float64
		for u := lo; u < hi; u++ {
			if g.Out[u] > 0 {
				it.share[u] = float32(float64(rank[u]) / g.Out[u])
			} else {
				it.share[u] = 0
				dang += float64(rank[u])
			}
		}
		return dang
	})
	base := (1-d)/float64(g.N) + d*dangling/float64(g.N)
	it.parallel(func(lo, hi int) float64 {
		for v := lo; v < hi; v++ {
			var sum float64
			for k := g.Off[v]; k < g.Off[v+1]; k++ {
				sum += float64(it.share[g.In[k]]) * float64(g.W[k])
			}
			next[v] = float32(base + d*sum)
		}
		return 0
	})
	for _, e := range g.Pending {
		next[e.To] += float32(d * float64(it.share[e.From]) * float64(e.W))
	}
	return it.parallel(func(lo, hi int) float64 {
		var delta float64
		for v := lo; v < hi; v++ {
			delta += math.Abs(float64(next[v]) - float64(rank[v]))
		}
		return delta
	})
}
