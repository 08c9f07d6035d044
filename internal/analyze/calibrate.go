package analyze

import (
	"math"
	"math/rand/v2"
)

// minCalibration is the fewest examples worth holding out for calibration.
const minCalibration = 200

// split divides d into a training part and a held-out part of share frac.
func split(d *dataset, frac float64, seed uint64) (train, held *dataset) {
	rng := rand.New(rand.NewPCG(seed, 0xca1b))
	train, held = &dataset{}, &dataset{}
	for i := 0; i < d.len(); i++ {
		dst := train
		if rng.Float64() < frac {
			dst = held
		}
		dst.start = append(dst.start, len(dst.rows))
		dst.rows = append(dst.rows, d.rows[d.start[i]:d.start[i+1]]...)
		dst.vals = append(dst.vals, d.vals[d.start[i]:d.start[i+1]]...)
		dst.y = append(dst.y, d.y[i])
	}
	train.start = append(train.start, len(train.rows))
	held.start = append(held.start, len(held.rows))
	return train, held
}

// heldScores computes the raw scores of every example of d.
func heldScores(d *dataset, w []float32, k int) [][]float64 {
	out := make([][]float64, d.len())
	for i := range out {
		out[i] = make([]float64, k)
		lo, hi := d.start[i], d.start[i+1]
		scoreRows(d.rows[lo:hi], d.vals[lo:hi], w, k, out[i])
	}
	return out
}

// fitTemperature finds, by golden-section search on log T, the temperature
// minimizing the log-loss of scores against labels y.
func fitTemperature(scores [][]float64, y []int) float64 {
	if len(y) == 0 {
		return 1
	}
	lo, hi := math.Log(0.05), math.Log(20.0)
	phi := (math.Sqrt(5) - 1) / 2
	for range 60 {
		a, b := hi-phi*(hi-lo), lo+phi*(hi-lo)
		if logLoss(scores, y, math.Exp(a)) < logLoss(scores, y, math.Exp(b)) {
			hi = b
		} else {
			lo = a
		}
	}
	return math.Exp((lo + hi) / 2)
}

// logLoss is the mean negative log-likelihood of y under softmax(scores/t).
func logLoss(scores [][]float64, y []int, t float64) float64 {
	sum := 0.0
	p := make([]float64, 0, 8)
	for i, s := range scores {
		p = append(p[:0], s...)
		softmaxT(p, t)
		sum -= math.Log(max(p[y[i]], 1e-12))
	}
	return sum / float64(len(scores))
}
