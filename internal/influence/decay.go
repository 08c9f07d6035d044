package influence

import (
	"math"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// DefaultHalfLife is how long an interaction takes to count half as much.
const DefaultHalfLife = 30 * 24 * time.Hour

// KindWeights weigh the kinds of interaction: a repost carries a message
// furthest, a quote a little less, a reply engages, a mention only names.
var KindWeights = map[string]float64{
	store.InteractionRepost:  2,
	store.InteractionQuote:   1.5,
	store.InteractionReply:   1,
	store.InteractionMention: 0.5,
}

// Decay is the weight left to something that happened age ago: 1 at age 0,
// one half after halfLife, and so on; an age below 0 (clock skew) counts as 0.
func Decay(age, halfLife time.Duration) float64 {
	if age <= 0 || halfLife <= 0 {
		return 1
	}
	return math.Exp2(-float64(age) / float64(halfLife))
}

// EdgeWeight is the weight of one interaction seen from time ref.
func EdgeWeight(kind string, at, ref time.Time, halfLife time.Duration) float64 {
	return KindWeights[kind] * Decay(ref.Sub(at), halfLife)
}
