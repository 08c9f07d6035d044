package influence

import (
	"math"
	"testing"
)

// The classic four-page example (A→B, A→C, B→C, C→A, D→C, damping 0.85):
// ranks 1.49, 0.78, 1.58 and 0.15 in the original scale where they sum to 4.
func TestPageRankTextbookExample(t *testing.T) {
	g, err := Build(4, []Edge{{0, 1, 1}, {0, 2, 1}, {1, 2, 1}, {2, 0, 1}, {3, 2, 1}})
	if err != nil {
		t.Fatal(err)
	}
	r, iters := PageRank(g, nil, RankParams{Tol: 1e-9})
	want := []float64{1.49, 0.78, 1.58, 0.15}
	for i, w := range want {
		if got := 4 * float64(r[i]); math.Abs(got-w) > 0.01 {
			t.Errorf("page %c: %.3f, want %.2f (after %d iterations)", 'A'+i, got, w, iters)
		}
	}
}

// PageRank on a weighted graph with a dangling node equals the solution of
// the linear system x = d·(Mᵀx + dangling(x)/n) + (1-d)/n, solved directly.
func TestPageRankMatchesLinearSolve(t *testing.T) {
	edges := []Edge{{0, 1, 3}, {0, 2, 1}, {1, 2, 2}, {2, 0, 1}, {2, 3, 0.5}, {3, 1, 1}, {4, 0, 2}, {4, 3, 1}}
	const n, d = 6, 0.85 // node 5 gives attention to no one and receives none
	g, err := Build(n, edges)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := PageRank(g, nil, RankParams{Tol: 1e-10, MaxIter: 500, Workers: 2})
	want := solve(n, d, edges)
	for i := range want {
		if math.Abs(float64(got[i])-want[i]) > 1e-5 {
			t.Errorf("node %d: %.6f, want %.6f", i, got[i], want[i])
		}
	}
}

// solve builds (I - d·A) x = (1-d)/n with A[v][u] = w(u→v)/out(u), or 1/n
// for a dangling u, and solves it by Gaussian elimination.
func solve(n int, d float64, edges []Edge) []float64 {
	out := make([]float64, n)
	for _, e := range edges {
		out[e.From] += float64(e.W)
	}
	a := make([][]float64, n)
	for v := range a {
		a[v] = make([]float64, n+1)
		a[v][v] = 1
		a[v][n] = (1 - d) / float64(n)
		for u := 0; u < n; u++ {
			if out[u] == 0 {
				a[v][u] -= d / float64(n)
			}
		}
	}
	for _, e := range edges {
		a[e.To][e.From] -= d * float64(e.W) / out[e.From]
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := 0; r < n; r++ {
			if r != c {
				f := a[r][c] / a[c][c]
				for k := c; k <= n; k++ {
					a[r][k] -= f * a[c][k]
				}
			}
		}
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = a[i][n] / a[i][i]
	}
	return x
}

func TestWarmStartConvergesToTheSameRanksInFewerIterations(t *testing.T) {
	edges := ring(20000, 5)
	g, _ := Build(20000, edges)
	cold, coldIters := PageRank(g, nil, RankParams{})
	edges = append(edges, Edge{From: 7, To: 12345, W: 1}, Edge{From: 9, To: 12345, W: 1})
	g2, _ := Build(20000, edges)
	exact, _ := PageRank(g2, nil, RankParams{})
	warm, warmIters := PageRank(g2, cold, RankParams{})
	if warmIters >= coldIters {
		t.Errorf("warm start took %d iterations, cold %d", warmIters, coldIters)
	}
	var l1 float64
	for i := range warm {
		l1 += math.Abs(float64(warm[i] - exact[i]))
	}
	if l1 > 1e-5 {
		t.Errorf("warm ranks differ from cold ones by %g (L1)", l1)
	}
}

// ring is a deterministic graph where node i points to the next k nodes
// with different weights, and every 97th node to node 0.
func ring(n, k int) []Edge {
	var e []Edge
	for i := 0; i < n; i++ {
		for j := 1; j <= k; j++ {
			e = append(e, Edge{From: int32(i), To: int32((i*j*7 + j) % n), W: float32(j)})
		}
		if i%97 == 0 {
			e = append(e, Edge{From: int32(i), To: 0, W: 1})
		}
	}
	return e
}

func TestBuildRefusesAnEdgeOutsideTheGraph(t *testing.T) {
	if _, err := Build(2, []Edge{{0, 2, 1}}); err == nil {
		t.Fatal("edge to node 2 of a 2-node graph accepted")
	}
}

// Edges added to a built graph (pending, not yet in the rows) rank the same
// as the graph built with them, before and after Compact; so do new nodes.
func TestPendingEdgesRankLikeARebuild(t *testing.T) {
	base := ring(5000, 4)
	added := []Edge{{From: 3, To: 4999, W: 2}, {From: 4999, To: 5000, W: 1}, {From: 5001, To: 3, W: 1}, {From: 17, To: 5001, W: 0.5}}
	full, _ := Build(5002, append(append([]Edge{}, base...), added...))
	want, _ := PageRank(full, nil, RankParams{Tol: 1e-9})
	g, _ := Build(5000, base)
	if first := g.AddNodes(2); first != 5000 || g.N != 5002 {
		t.Fatalf("AddNodes: first %d, n %d", first, g.N)
	}
	if err := g.AddEdges(added); err != nil {
		t.Fatal(err)
	}
	if err := g.AddEdges([]Edge{{From: 1, To: 6000, W: 1}}); err == nil {
		t.Error("an edge to a missing node was added")
	}
	for _, stage := range []string{"pending", "compacted"} {
		got, _ := PageRank(g, nil, RankParams{Tol: 1e-9})
		var l1 float64
		for i := range got {
			l1 += math.Abs(float64(got[i] - want[i]))
		}
		if l1 > 1e-5 {
			t.Errorf("%s: ranks differ from a rebuild by %g (L1)", stage, l1)
		}
		g.Compact()
		if len(g.Pending) != 0 || g.Off[g.N] != int64(len(base)+len(added)) {
			t.Fatalf("compact left %d pending, %d edges in rows", len(g.Pending), g.Off[g.N])
		}
	}
}
