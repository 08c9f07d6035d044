package influence

import "fmt"

// Edge is one weighted, directed edge between node indexes: From gave
// attention to To (replied to, mentioned, reposted or quoted them).
type Edge struct {
	From, To int32
	W        float32
}

// Graph is a directed weighted graph in compressed sparse rows by target:
// the edges into node v are In[Off[v]:Off[v+1]] with their raw weights W;
// Out holds each node's total out-weight, by which a PageRank step divides.
// Edges added since the rows were built wait in Pending (AddEdges) until
// Compact folds them in, so a few new interactions cost O(their number),
// not a rebuild.
type Graph struct {
	N       int
	Off     []int64   // N+1 offsets into In and W
	In      []int32   // source of each incoming edge
	W       []float32 // raw weight of each incoming edge
	Out     []float64 // total out-weight of each node, pending edges included
	Pending []Edge
}

// Build makes the graph of n nodes from edges (parallel edges add up; edges
// of weight 0 or less are ignored), by a counting sort in O(n + len(edges)).
func Build(n int, edges []Edge) (*Graph, error) {
	g := &Graph{N: n, Out: make([]float64, n), Off: make([]int64, n+1)}
	for _, e := range edges {
		if err := g.check(e); err != nil {
			return nil, err
		}
		if e.W > 0 {
			g.Out[e.From] += float64(e.W)
			g.Off[e.To+1]++
		}
	}
	for v := 0; v < n; v++ {
		g.Off[v+1] += g.Off[v]
	}
	g.In, g.W = make([]int32, g.Off[n]), make([]float32, g.Off[n])
	next := make([]int64, n)
	copy(next, g.Off[:n])
	for _, e := range edges {
		if e.W > 0 {
			k := next[e.To]
			g.In[k], g.W[k] = e.From, e.W
			next[e.To]++
		}
	}
	return g, nil
}

func (g *Graph) check(e Edge) error {
	if e.From < 0 || int(e.From) >= g.N || e.To < 0 || int(e.To) >= g.N {
		return fmt.Errorf("edge %d→%d outside %d nodes", e.From, e.To, g.N)
	}
	return nil
}

// AddNodes grows the graph by k nodes without edges and returns the index
// of the first.
func (g *Graph) AddNodes(k int) int {
	first := g.N
	last := g.Off[g.N]
	for i := 0; i < k; i++ {
		g.Off = append(g.Off, last)
		g.Out = append(g.Out, 0)
	}
	g.N += k
	return first
}

// AddEdges adds edges in O(len(edges)): they count from the next PageRank
// step on, and join the rows at the next Compact.
func (g *Graph) AddEdges(edges []Edge) error {
	for _, e := range edges {
		if err := g.check(e); err != nil {
			return err
		}
	}
	for _, e := range edges {
		if e.W > 0 {
			g.Out[e.From] += float64(e.W)
			g.Pending = append(g.Pending, e)
		}
	}
	return nil
}

// Compact folds the pending edges into the rows (a rebuild, O(n + edges)).
func (g *Graph) Compact() {
	if len(g.Pending) == 0 {
		return
	}
	edges := make([]Edge, 0, len(g.In)+len(g.Pending))
	for v := 0; v < g.N; v++ {
		for k := g.Off[v]; k < g.Off[v+1]; k++ {
			edges = append(edges, Edge{From: g.In[k], To: int32(v), W: g.W[k]})
		}
	}
	ng, _ := Build(g.N, append(edges, g.Pending...)) // every edge was checked when added
	*g = *ng
}

// Bytes is the memory the graph's arrays hold.
func (g *Graph) Bytes() int64 {
	return int64(len(g.Off))*8 + int64(len(g.In))*4 + int64(len(g.W))*4 + int64(len(g.Out))*8 + int64(len(g.Pending))*12
}

// InWeight returns the total raw weight each node received, for engagement.
func InWeight(n int, edges []Edge) []float64 {
	in := make([]float64, n)
	for _, e := range edges {
		if e.W > 0 && e.To >= 0 && int(e.To) < n {
			in[e.To] += float64(e.W)
		}
	}
	return in
}
