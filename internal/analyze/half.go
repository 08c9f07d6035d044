package analyze

import "math"

// toHalf converts f to IEEE 754 half precision, rounding to nearest and
// flushing values too small for a half to zero.
func toHalf(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int((b>>23)&0xff) - 127 + 15
	mant := b & 0x7fffff
	switch {
	case exp >= 31:
		return sign | 0x7bff // clamp to the largest finite half
	case exp <= 0:
		return sign
	}
	h := sign | uint16(exp)<<10 | uint16(mant>>13)
	if mant&0x1000 != 0 && h&0x7fff != 0x7bff {
		h++ // round half up; carry into the exponent is still correct
	}
	return h
}

// fromHalf converts a half-precision value to float32.
func fromHalf(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h & 0x3ff)
	if exp == 0 {
		return math.Float32frombits(sign)
	}
	return math.Float32frombits(sign | (exp-15+127)<<23 | mant<<13)
}

// quantize rounds every weight to half precision, so that a model behaves
// the same before and after it is saved.
func quantize(w []float32) {
	for i, x := range w {
		w[i] = fromHalf(toHalf(x))
	}
}

// halfTable converts every half-precision value to float32 by look-up.
var halfTable = func() *[1 << 16]float32 {
	var t [1 << 16]float32
	for i := range t {
		t[i] = fromHalf(uint16(i))
	}
	return &t
}()
