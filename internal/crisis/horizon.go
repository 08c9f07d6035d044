package crisis

import "math"

// maxHorizons bounds Config.Horizons, so a series has a fixed size.
const maxHorizons = 4

// horizon follows the residuals of a series averaged over a time span (an
// exponential moving average whose mean age is the span), with its own
// robust scale: a sudden spike shows on the shortest horizon, a burst that
// builds over an hour on a longer one.
type horizon struct {
	mean  float32 // EMA of log residuals
	scale float32 // EW mean absolute value of mean
}

// emaRate returns the rate of an exponential moving average over span
// buckets (1 for one bucket: no averaging).
func emaRate(span float64) float32 { return float32(2 / (math.Max(span, 1) + 1)) }

// add folds one bucket into the horizon; it returns the horizon's residual
// in scales before the scale learns it.
func (h *horizon) add(p *params, rate float32, n uint32, r float32) float32 {
	h.mean += rate * (r - h.mean)
	sc := max(h.scale, float32(p.MinScale))
	z := h.mean / sc
	dev := abs32(h.mean)
	if n >= p.warm {
		dev = min(dev, float32(p.Clip)*sc)
	}
	h.scale += young(p.scale, n) * (dev - h.scale)
	return z
}
