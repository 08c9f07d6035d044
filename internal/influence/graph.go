package influence

import "fmt"

// Edge is one weighted, directed edge between node indexes: From gave
// attention to To (replied to, mentioned, reposted or quoted them).
type Edge struct {
	From, To int32
	W        float32
}

// Graph is a directed weighted graph in compressed sparse rows by target:
// the edges into node v are In[Off[v]:Off[v+1]], each with its source and its
// weight already divided by the source's total out-weight (the share of the
// source's attention), which is what a PageRank step reads.
type Graph struct {
	N        int
	Off      []int64   // N+1 offsets into In and W
	In       []int32   // source of each incoming edge
	W        []float32 // normalised weight of each incoming edge
	Dangling []int32   // nodes that give attention to no one
}

// Build makes the graph of n nodes from edges (parallel edges add up; edges
// of weight 0 or less are ignored), by a counting sort in O(n + len(edges)).
func Build(n int, edges []Edge) (*Graph, error) {
	out := make([]float64, n)
	off := make([]int64, n+1)
	for _, e := range edges {
		if e.From < 0 || int(e.From) >= n || e.To < 0 || int(e.To) >= n {
			return nil, fmt.Errorf("edge %d→%d outside %d nodes", e.From, e.To, n)
		}
		if e.W > 0 {
			out[e.From] += float64(e.W)
			off[e.To+1]++
		}
	}
	for v := 0; v < n; v++ {
		off[v+1] += off[v]
	}
	g := &Graph{N: n, Off: off, In: make([]int32, off[n]), W: make([]float32, off[n])}
	next := make([]int64, n)
	copy(next, off[:n])
	for _, e := range edges {
		if e.W > 0 {
			k := next[e.To]
			g.In[k], g.W[k] = e.From, float32(float64(e.W)/out[e.From])
			next[e.To]++
		}
	}
	for v := 0; v < n; v++ {
		if out[v] == 0 {
			g.Dangling = append(g.Dangling, int32(v))
		}
	}
	return g, nil
}

// Bytes is the memory the graph's arrays hold.
func (g *Graph) Bytes() int64 {
	return int64(len(g.Off))*8 + int64(len(g.In))*4 + int64(len(g.W))*4 + int64(len(g.Dangling))*4
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
