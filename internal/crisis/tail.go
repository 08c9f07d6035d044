package crisis

import "math"

const (
	tailBins  = 128
	tailWidth = 0.25 // evidence per bin, in scales: bins cover 0 to 32
)

// tail is the decayed histogram of a series' own evidence (its largest
// residual over the horizons, in scales), used to turn evidence into a tail
// probability: empirically below the POT threshold u (the 1-TailQuantile
// quantile), and above it by the peaks-over-threshold law of extreme values,
// P(E > e) = q · exp(-(e-u)/β), β the mean excess over u. A series thus
// learns how surprising its own surprises usually are.
type tail struct {
	w     [tailBins]float32
	total float32
	inc   float32 // weight of the next sample; grows instead of decaying all bins
}

// add records one bucket's evidence; decay is the per-bucket retention.
func (t *tail) add(e, decay float32) {
	if t.inc == 0 {
		t.inc = 1
	}
	t.inc /= decay
	t.w[binOf(e)] += t.inc
	t.total += t.inc
	if t.inc > 1e18 {
		t.rescale(1 / t.inc)
	}
}

func (t *tail) rescale(f float32) {
	for i := range t.w {
		t.w[i] *= f
	}
	t.total *= f
	t.inc *= f
}

func binOf(e float32) int {
	return max(0, min(tailBins-1, int(e/tailWidth)))
}

// prob returns P(E ≥ e) for the series, q being the POT quantile.
func (t *tail) prob(e float32, q float64) float64 {
	if t.total == 0 {
		return 1
	}
	u, beta := t.pot(float32(q) * t.total)
	return t.probAbove(e, u, beta, q)
}

// probAbove is prob with the POT threshold and mean excess given.
func (t *tail) probAbove(e, u, beta float32, q float64) float64 {
	if t.total == 0 {
		return 1
	}
	if e <= u {
		return t.above(e) / float64(t.total)
	}
	return q * math.Exp(-float64(e-u)/float64(beta))
}

// above returns the mass at or above e, interpolating within its bin.
func (t *tail) above(e float32) float64 {
	b := binOf(e)
	frac := 1 - float64(e/tailWidth-float32(b))
	m := float64(t.w[b]) * max(0, min(1, frac))
	for i := b + 1; i < tailBins; i++ {
		m += float64(t.w[i])
	}
	return m
}

// pot returns the threshold u above which the top mass lies, and the mean
// excess β over it (at least one bin width).
func (t *tail) pot(mass float32) (u, beta float32) {
	var m, excess float32
	i := tailBins - 1
	for ; i > 0 && m+t.w[i] < mass; i-- {
		m += t.w[i]
	}
	// u inside bin i such that the mass above u is exactly `mass`
	need := mass - m
	frac := float32(1)
	if t.w[i] > 0 {
		frac = min(1, need/t.w[i])
	}
	u = (float32(i) + 1 - frac) * tailWidth
	for j := i + 1; j < tailBins; j++ {
		excess += t.w[j] * ((float32(j)+0.5)*tailWidth - u)
	}
	excess += need * frac * tailWidth / 2
	return u, max(tailWidth, excess/max(mass, 1e-30))
}

// prior fills an empty history with weight w of calm: evidence following
// an exponential law of mean one scale (Laplace residuals). Real evidence,
// recorded once the series is warm, replaces it as the prior decays.
func (t *tail) prior(w float32) {
	for b := range t.w {
		lo := float64(b) * tailWidth
		t.w[b] = w * float32(math.Exp(-lo)-math.Exp(-lo-tailWidth))
	}
	t.total, t.inc = w, 1
}
