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
	n := g.N
	if n == 0 {
		return nil, 0
	}
	rank := initial(n, start)
	next := make([]float32, n)
	iters := 0
	for iters < p.MaxIter {
		iters++
		delta := step(g, rank, next, p)
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

// step computes next from rank in parallel over ranges of target nodes and
// returns the L1 distance between them.
func step(g *Graph, rank, next []float32, p RankParams) float64 {
	var dangling float64
	for _, v := range g.Dangling {
		dangling += float64(rank[v])
	}
	n := g.N
	base := (1-p.Damping)/float64(n) + p.Damping*dangling/float64(n)
	workers := min(p.Workers, max(1, n/4096))
	deltas := make([]float64, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Add(1)
		go func(w, lo, hi int) {
			defer wg.Done()
			deltas[w] = stepRange(g, rank, next, lo, hi, base, p.Damping)
		}(w, lo, hi)
	}
	wg.Wait()
	var delta float64
	for _, d := range deltas {
		delta += d
	}
	return delta
}

func stepRange(g *Graph, rank, next []float32, lo, hi int, base, d float64) float64 {
	var delta float64
	for v := lo; v < hi; v++ {
		var sum float64
		for k := g.Off[v]; k < g.Off[v+1]; k++ {
			sum += float64(rank[g.In[k]]) * float64(g.W[k])
		}
		x := base + d*sum
		delta += math.Abs(x - float64(rank[v]))
		next[v] = float32(x)
	}
	return delta
}
