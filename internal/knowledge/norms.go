package knowledge

// normCache holds each slot's BM25F field factors, weight / (1 − b + b ·
// length / average length), for one state of the index.
type normCache struct {
	gen uint64
	inv [][numFields]float64
}

// invNorms returns the field factors of every slot, computed again only
// when the index changed since they were last computed. The caller holds
// the read lock; concurrent callers may compute the same factors twice.
func (ix *Index) invNorms() [][numFields]float64 {
	if c := ix.norm.Load(); c != nil && c.gen == ix.gen {
		return c.inv
	}
	var weight, base, slope [numFields]float64
	for f := range numFields {
		weight[f], base[f] = ix.p.Weight[f], 1
		if ix.live > 0 && ix.total[f] > 0 {
			base[f] = 1 - ix.p.B[f]
			slope[f] = ix.p.B[f] / (ix.total[f] / float64(ix.live))
		}
	}
	inv := make([][numFields]float64, len(ix.lens))
	for d, lens := range ix.lens {
		for f := range numFields {
			inv[d][f] = weight[f] / (base[f] + slope[f]*lens[f])
		}
	}
	ix.norm.Store(&normCache{gen: ix.gen, inv: inv})
	return inv
}
