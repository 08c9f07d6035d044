package analyze

import "errors"

// DefaultLexicon returns the lexicon embedded in the default models.
func DefaultLexicon() (*Lexicon, error) {
	return nil, errors.New("no default models embedded yet")
}
