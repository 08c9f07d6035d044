package crisis

import "math"

// baseline is the fixed-size seasonal model of one series, in log space:
// expected = level + hour-of-day offset + day-of-week offset, and a spread
// (mean absolute residual) per hour of day, since quiet hours are noisier
// in log space than busy ones. Each update
// is a Holt-Winters step: the level, then the daily, then the weekly profile
// take a share of what is left of the residual. While a component is young
// its rate is at least 1/(updates+1), a running mean.
type baseline struct {
	level    float32
	spread   [24]float32
	hod      [24]float32
	dow      [7]float32
	nHod     [24]uint16 // updates seen per slot, saturating
	nDow     [7]uint16
	n        uint32 // buckets seen
	lastHour int8
}

// predict returns the expected log count at an hour and day.
func (b *baseline) predict(hour, day int) float32 {
	return b.level + b.hod[hour] + b.dow[day]
}

// spreadAt returns the residual spread at an hour when the expected log
// count is e: at least the counting noise of a Poisson law there (the mean
// absolute deviation of log(count+Offset), about 0.8/sqrt(λ+Offset)), and
// at least MinScale.
func (b *baseline) spreadAt(p *params, hour int, e float32) float32 {
	lambda := math.Exp(float64(e)) // λ + Offset
	poisson := float32(0.8 / math.Sqrt(lambda))
	return max(b.spread[hour], poisson, float32(p.MinScale))
}

// update learns one bucket's log count y; clip bounds the residual's effect
// (0: no bound).
func (b *baseline) update(p *params, hour, day int, y float32) {
	if b.n == 0 {
		b.level, b.n, b.lastHour = y, 1, int8(hour)
		return
	}
	e := y - b.predict(hour, day)
	if b.n >= p.warm {
		e = clamp(e, float32(p.Clip)*b.spreadAt(p, hour, y-e))
	}
	b.spread[hour] += young(p.spreadRate, uint32(b.nHod[hour])) * (abs32(e) - b.spread[hour])
	b.level += young(p.level, b.n) * e
	e = y - b.predict(hour, day)
	b.hod[hour] += young(p.daily, uint32(b.nHod[hour])) * e
	e = y - b.predict(hour, day)
	b.dow[day] += young(p.weekly, uint32(b.nDow[day])) * e
	b.count(hour, day)
	if int8(hour) != b.lastHour {
		b.recentre()
		b.lastHour = int8(hour)
	}
}

// count records one update of each slot.
func (b *baseline) count(hour, day int) {
	b.n++
	b.nHod[hour] = min(b.nHod[hour]+1, math.MaxUint16)
	b.nDow[day] = min(b.nDow[day]+1, math.MaxUint16)
}

// recentre moves the mean of each fully learned profile into the level, so
// that the three components stay identifiable.
func (b *baseline) recentre() {
	if m, ok := mean(b.hod[:], b.nHod[:]); ok {
		b.shift(b.hod[:], m)
	}
	if m, ok := mean(b.dow[:], b.nDow[:]); ok {
		b.shift(b.dow[:], m)
	}
}

func (b *baseline) shift(profile []float32, m float32) {
	for i := range profile {
		profile[i] -= m
	}
	b.level += m
}

// mean returns the mean of a profile once every slot has been seen.
func mean(profile []float32, seen []uint16) (float32, bool) {
	var s float32
	for i, v := range profile {
		if seen[i] == 0 {
			return 0, false
		}
		s += v
	}
	return s / float32(len(profile)), true
}

// young returns the learning rate of a component updated n times.
func young(rate float32, n uint32) float32 {
	return max(rate, 1/float32(n+1))
}

func clamp(e, bound float32) float32 { return max(-bound, min(bound, e)) }

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}
