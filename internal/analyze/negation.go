package analyze

// negators open a negation scope in English and French. Words that only
// negate after "ne" ("plus", "rien", "personne", "jamais" stays a negator
// on its own) are in neAfter.
var negators = map[string]bool{
	"not": true, "no": true, "never": true, "nothing": true, "nobody": true, "none": true,
	"neither": true, "nor": true, "cannot": true, "without": true, "cant": true,
	"wont": true, "isnt": true, "didnt": true, "doesnt": true, "aint": true, "nope": true,
	"pas": true, "jamais": true, "aucun": true, "aucune": true, "ni": true, "sans": true,
	"ne": true, "n'": true,
}

// neAfter negate only when a "ne" came before them in the clause.
var neAfter = map[string]bool{"plus": true, "rien": true, "personne": true, "guere": true}

// scopeEnders close a negation scope.
var scopeEnders = map[string]bool{
	"but": true, "however": true, "mais": true, "pourtant": true, "cependant": true, "sauf": true,
}

// negScope is the number of words a negation reaches at most.
const negScope = 4

// isNegator reports whether folded word w, of flags f, negates what
// follows, given whether a French "ne" opened the clause.
func isNegator(w string, f uint8, sawNe bool) bool {
	if f&flagNegator != 0 || f&flagNeAfter != 0 && sawNe {
		return true
	}
	n := len(w)
	return n > 3 && w[n-3:] == "n't"
}

// clauseEnd reports whether a token ends a clause, and so a negation.
func clauseEnd(t Token) bool {
	if t.Kind != Punct {
		return false
	}
	switch t.Text[0] {
	case '.', '!', '?', ';', ':', ',':
		return true
	}
	return false
}

// Flags of function words, in one map for a single look-up per word.
const (
	flagNegator uint8 = 1 << iota
	flagNeAfter
	flagScopeEnd
)

// flagsOf returns the flags of folded word w, skipping the map for words
// whose first letter and length no flagged word has.
func flagsOf(w string) uint8 {
	if w == "" || len(w) >= 32 || flagShape[w[0]]&(1<<len(w)) == 0 {
		return 0
	}
	return wordFlags[w]
}

// flagShape has, per first byte, a bit for each length of flagged words.
var flagShape = func() (t [256]uint32) {
	for w := range wordFlags {
		t[w[0]] |= 1 << len(w)
	}
	return t
}()

var wordFlags = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range negators {
		m[w] |= flagNegator
	}
	for w := range neAfter {
		m[w] |= flagNeAfter
	}
	for w := range scopeEnders {
		m[w] |= flagScopeEnd
	}
	return m
}()
