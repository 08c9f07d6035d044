package knowledge

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ErrNotFound is returned for an answer id the index does not hold.
var ErrNotFound = errors.New("answer not found")

// Index holds the approved answers in memory and ranks them for a message.
// It is safe for concurrent use: many Suggest calls run together, and Put,
// Remove and Learn update it in place, one at a time.
type Index struct {
	mu  sync.RWMutex
	an  *Analyzer
	p   Params
	now func() time.Time

	docs  []*entry             // by slot; nil for a free slot
	lens  [][numFields]float64 // field lengths by slot, flat for scoring
	prior []float64            // use prior by slot
	free  []int32              // free doc slots
	byID  map[string]int32     // answer id → slot
	post  map[string][]posting
	total [numFields]float64 // summed field lengths of the live answers
	live  int
	gen   uint64                    // counts changes, to know when norm is stale
	norm  atomic.Pointer[normCache] // field factors for scoring
}

// entry is one indexed answer.
type entry struct {
	a     Answer
	terms map[string][numFields]uint16 // term → frequency per field
	lens  [numFields]float64
}

// posting is one answer's frequencies of one term, per field.
type posting struct {
	doc int32
	tf  [numFields]uint16
}

// NewIndex returns an empty index ranking with p.
func NewIndex(p Params) *Index {
	an := NewAnalyzer()
	if p.Plain {
		an = PlainAnalyzer()
	}
	return &Index{
		an:   an,
		p:    p,
		now:  time.Now,
		byID: map[string]int32{},
		post: map[string][]posting{},
	}
}

// Len returns the number of answers the index holds.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Put adds a or replaces the answer with its id. Only approved answers are
// kept: putting a draft or retired answer removes it from the index.
func (ix *Index) Put(a Answer) error {
	if err := a.Validate(); err != nil {
		return fmt.Errorf("index answer: %w", err)
	}
	e := ix.analyze(a.Clone())
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(a.ID)
	if a.State == StateApproved {
		ix.insert(e)
	}
	return nil
}

// Remove drops the answer with id; it reports whether the index held it.
func (ix *Index) Remove(id string) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.remove(id)
}

// Get returns a copy of the indexed answer with id.
func (ix *Index) Get(id string) (Answer, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	slot, ok := ix.byID[id]
	if !ok {
		return Answer{}, false
	}
	return ix.docs[slot].a.Clone(), true
}

// Learn records that an agent sent the answer with id for a message: the
// message becomes one of its examples (unless it already is) and its use
// count grows. It returns the updated answer for the store to persist.
func (ix *Index) Learn(id, question string) (Answer, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	slot, ok := ix.byID[id]
	if !ok {
		return Answer{}, fmt.Errorf("learn from use of %q: %w", id, ErrNotFound)
	}
	a := ix.docs[slot].a.Clone()
	a.Uses++
	if q := strings.TrimSpace(question); q != "" && !hasExample(a.Examples, q) {
		a.Examples = append(a.Examples, q)
	}
	if m := ix.p.MaxExamples; m > 0 && len(a.Examples) > m {
		a.Examples = a.Examples[len(a.Examples)-m:]
	}
	e := ix.analyze(a)
	ix.remove(id)
	ix.insert(e)
	return a.Clone(), nil
}

func hasExample(list []string, q string) bool {
	for _, x := range list {
		if strings.EqualFold(strings.TrimSpace(x), q) {
			return true
		}
	}
	return false
}
