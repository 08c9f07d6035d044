package analyze

// FNV-1a, 64 bits, inlined so that feature hashing does not allocate.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// namespace starts the hash of a feature of one family.
func namespace(ns byte) uint64 { return hashByte(fnvOffset, ns) }

// mix spreads the bits of h before it is cut to a bucket.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}
