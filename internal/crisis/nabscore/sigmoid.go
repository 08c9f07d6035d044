package nabscore

import "math"

// sigmoid is NAB's scaled sigmoid: +1 far before a point, 0 at it, -1 far
// after; positions more than three window widths past are worth exactly -1.
func sigmoid(x float64) float64 {
	if x > 3 {
		return -1
	}
	return 2/(1+math.Exp(5*x)) - 1
}

// windowValue is what a detection at row i inside the window [lo, hi] is
// worth before profile weighting: 1 at the window's first row, decaying
// towards its end.
func windowValue(i, lo, hi int) float64 {
	width := float64(hi - lo + 1)
	return sigmoid(-float64(hi-i+1)/width) / sigmoid(-1)
}

// afterValue is what a detection at row i outside every window is worth
// before weighting, given the last window [lo, hi] that ended before it.
func afterValue(i, lo, hi int) float64 {
	span := float64(hi - lo)
	if span < 1 {
		span = 1
	}
	return sigmoid(float64(i-hi) / span)
}
