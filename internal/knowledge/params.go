package knowledge

// Fields of an answer that are indexed separately.
const (
	fieldTitle    = iota // title and tags
	fieldBody            // body, without its variables
	fieldExamples        // all example questions together
	numFields
)

// Params are the weights of the ranking. DefaultParams are the ones shipped;
// PlainParams give a plain BM25 over all the text, the baseline.
type Params struct {
	// K1 saturates term frequency in BM25F.
	K1 float64
	// B normalises each field's length (0 none, 1 full).
	B [numFields]float64
	// Weight multiplies a term's frequency in each field.
	Weight [numFields]float64
	// MentionWeight is how much an @mention of the message counts against
	// a word: the account a message addresses tells which answers fit.
	MentionWeight float64
	// UseWeight multiplies ln(1+uses), a prior for the answers agents send
	// often, added to answers that match at least one word. It is 0 by
	// default: on replies-cdp the examples learnt from use already carry
	// what agents chose, and the prior added nothing (docs/BENCHMARKS.md).
	UseWeight float64
	// MaxExamples keeps only the latest examples of an answer when Learn
	// adds one (0: no limit).
	MaxExamples int
	// Plain selects the baseline: one field, no stemming, no stop words,
	// query words counted as often as they occur.
	Plain bool
}

// DefaultParams returns the ranking parameters of the suggestions; see
// docs/BENCHMARKS.md for why each is what it is.
func DefaultParams() Params {
	return Params{
		K1: 1.2,
		// Titles are short and on topic; example questions pile up with
		// use, not verbosity, so their length says little.
		B:             [numFields]float64{fieldTitle: 0.5, fieldBody: 0.75, fieldExamples: 0.3},
		Weight:        [numFields]float64{fieldTitle: 2, fieldBody: 1, fieldExamples: 1},
		MentionWeight: 2,
		MaxExamples:   500,
	}
}

// PlainParams returns a plain BM25 (k1 1.2, b 0.75) over the title, body and
// examples as one text, with the plain analyzer: the baseline to compare with.
func PlainParams() Params {
	return Params{
		K1:     1.2,
		B:      [numFields]float64{0.75, 0.75, 0.75},
		Weight: [numFields]float64{1, 1, 1},
		Plain:  true,
	}
}
