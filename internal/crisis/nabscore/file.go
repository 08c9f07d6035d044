package nabscore

import (
	"fmt"
	"math"
	"time"
)

// Window is one labelled anomaly window, limits included.
type Window struct {
	Start, End time.Time
}

// span is a window located on rows: first and last row, both included.
type span struct{ lo, hi int }

const (
	probationFraction = 0.15
	probationCap      = 750 // 0.15 × 5000 rows
)

// Probation returns how many leading rows of an n-row file are not scored.
func Probation(n int) int {
	return min(int(math.Floor(probationFraction*float64(n))), probationCap)
}

// File is the scoring model of one data file: what a detection at each row
// is worth under a profile. It does not depend on any detector.
type File struct {
	Name      string
	rows      []time.Time
	profile   Profile
	probation int
	spans     []span
	inWindow  []int     // window index of each row, -1 outside every window
	value     []float64 // weighted worth of a detection at each row
	labelled  int       // windows in the label file, scored or not
}

// NewFile builds the model of a file from its row timestamps (in order) and
// its labelled windows.
func NewFile(name string, rows []time.Time, windows []Window, p Profile) (*File, error) {
	spans, err := locate(rows, windows)
	if err != nil {
		return nil, fmt.Errorf("nabscore: %s: %w", name, err)
	}
	f := &File{Name: name, rows: rows, profile: p, probation: Probation(len(rows)), spans: spans, labelled: len(windows)}
	f.inWindow, f.value = rowValues(len(rows), spans, p)
	return f, nil
}

// rowValues computes, for every row, the window it lies in (or -1) and the
// weighted worth of a detection there.
func rowValues(n int, spans []span, p Profile) ([]int, []float64) {
	in := make([]int, n)
	val := make([]float64, n)
	next, prev := 0, -1
	for i := range n {
		for next < len(spans) && spans[next].hi < i {
			prev, next = next, next+1
		}
		switch {
		case next < len(spans) && spans[next].lo <= i:
			in[i], val[i] = next, p.TP*windowValue(i, spans[next].lo, spans[next].hi)
		case prev < 0:
			in[i], val[i] = -1, -p.FP
		default:
			in[i], val[i] = -1, p.FP*afterValue(i, spans[prev].lo, spans[prev].hi)
		}
	}
	return in, val
}

// Rows returns the number of rows of the file.
func (f *File) Rows() int { return len(f.value) }

// scoredWindows returns, for each window, whether it owns a row past
// probation (only those count as hits or misses).
func (f *File) scoredWindows() []bool {
	out := make([]bool, len(f.spans))
	for k, s := range f.spans {
		out[k] = s.hi >= f.probation
	}
	return out
}

// Null is the raw score of a detector that never fires on this file.
func (f *File) Null() float64 {
	n := 0
	for _, ok := range f.scoredWindows() {
		if ok {
			n++
		}
	}
	return -f.profile.FN * float64(n)
}

// Perfect is the raw score of a detector that fires at the first row of
// every labelled window and nowhere else.
func (f *File) Perfect() float64 { return f.profile.TP * float64(f.labelled) }
