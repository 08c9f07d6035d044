package analyze

import (
	"math"
	"math/rand/v2"
)

// gradEpsilon is the smallest class gradient worth an update.
const gradEpsilon = 1e-3

// trainer holds the state of AdaGrad training: weights, squared gradient
// sums, a seeded generator for the shuffles.
type trainer struct {
	k      int
	w, g2  []float32
	p      TrainingParams
	rng    *rand.Rand
	probs  []float64
	active []int
	done   int // epochs run, for progress
}

func newTrainer(k, rows int, p TrainingParams) *trainer {
	return &trainer{
		k: k, w: make([]float32, rows*k), g2: make([]float32, rows*k), p: p,
		rng:   rand.New(rand.NewPCG(p.Seed, 0x5b0a4d)),
		probs: make([]float64, k), active: make([]int, 0, k),
	}
}

// run trains epochs passes over d in shuffled order, calling progress
// after each with the count of epochs done out of total.
func (t *trainer) run(d *dataset, epochs int, progress func(int, int), total int) {
	order := make([]int, d.len())
	for i := range order {
		order[i] = i
	}
	for range epochs {
		t.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			t.active = step(d, i, t.k, t.w, t.g2, t.probs, t.active, t.p)
		}
		t.done++
		if progress != nil {
			progress(t.done, total)
		}
	}
}

// step does one AdaGrad update on example i; only classes whose gradient
// is worth it are updated.
func step(d *dataset, i, k int, w, g2 []float32, probs []float64, active []int, p TrainingParams) []int {
	lo, hi := d.start[i], d.start[i+1]
	scoreRows(d.rows[lo:hi], d.vals[lo:hi], w, k, probs)
	softmaxT(probs, 1)
	probs[d.y[i]] -= 1
	active = active[:0]
	for c, g := range probs {
		if g >= gradEpsilon || g <= -gradEpsilon {
			active = append(active, c)
		}
	}
	lr, l2 := float32(p.LearningRate), float32(p.L2)
	for j := lo; j < hi; j++ {
		base := int(d.rows[j]) * k
		wr, gr := w[base:base+k], g2[base:base+k]
		v := d.vals[j]
		for _, c := range active {
			g := float32(probs[c])*v + l2*wr[c]
			acc := gr[c] + g*g
			gr[c] = acc
			wr[c] -= lr * g * invSqrt(acc+1e-12)
		}
	}
	return active
}

// invSqrt approximates 1/sqrt(x) for x > 0 (bit trick and two Newton
// steps, relative error under 1e-5): AdaGrad's step size without a
// division or a square root.
func invSqrt(x float32) float32 {
	y := math.Float32frombits(0x5f375a86 - math.Float32bits(x)>>1)
	y *= 1.5 - 0.5*x*y*y
	return y * (1.5 - 0.5*x*y*y)
}

// scoreRows computes raw scores of one encoded example.
func scoreRows(rows []int32, vals []float32, w []float32, k int, out []float64) {
	acc := make([]float32, k) // stays on the stack for small k
	if k > 256 {
		acc = make([]float32, k)
	}
	for j, r := range rows {
		row := w[int(r)*k : int(r)*k+k]
		addScaled(acc, row, vals[j])
	}
	for c, x := range acc {
		out[c] = float64(x)
	}
}

// addScaled adds v·x to acc, four at a time.
func addScaled(acc, x []float32, v float32) {
	x = x[:len(acc)]
	c := 0
	for ; c+4 <= len(acc); c += 4 {
		a, b := acc[c:c+4:c+4], x[c:c+4:c+4]
		a[0] += v * b[0]
		a[1] += v * b[1]
		a[2] += v * b[2]
		a[3] += v * b[3]
	}
	for ; c < len(acc); c++ {
		acc[c] += v * x[c]
	}
}
