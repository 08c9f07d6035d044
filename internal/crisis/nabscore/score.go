package nabscore

import (
	"errors"
	"fmt"
)

// errLength reports detections that do not match the file's rows.
var errLength = errors.New("detections and rows differ in number")

// Result is the score of one file for one set of detections.
type Result struct {
	File            string  `json:"file"`
	Raw             float64 `json:"raw"`
	Null            float64 `json:"null"`
	Perfect         float64 `json:"perfect"`
	TP              int     `json:"tp"` // detected rows inside windows
	FP              int     `json:"fp"` // detected rows outside windows
	FN              int     `json:"fn"` // undetected rows inside windows
	TN              int     `json:"tn"` // undetected rows outside windows
	Windows         int     `json:"windows"`
	WindowsDetected int     `json:"windows_detected"`
}

// Score returns the raw score of a file given one detection flag per row.
func (f *File) Score(detected []bool) (Result, error) {
	if len(detected) != f.Rows() {
		return Result{}, fmt.Errorf("nabscore: %s: %d flags for %d rows: %w", f.Name, len(detected), f.Rows(), errLength)
	}
	r := Result{File: f.Name, Null: f.Null(), Perfect: f.Perfect()}
	best := make([]float64, len(f.spans))
	hit := make([]bool, len(f.spans))
	for i := f.probation; i < f.Rows(); i++ {
		k := f.inWindow[i]
		f.count(&r, k, detected[i])
		switch {
		case !detected[i]:
		case k < 0:
			r.Raw += f.value[i]
		case !hit[k] || f.value[i] > best[k]:
			hit[k], best[k] = true, f.value[i]
		}
	}
	f.addWindows(&r, hit, best)
	return r, nil
}

// count updates the row confusion counts.
func (f *File) count(r *Result, window int, detected bool) {
	switch {
	case window >= 0 && detected:
		r.TP++
	case window >= 0:
		r.FN++
	case detected:
		r.FP++
	default:
		r.TN++
	}
}

// addWindows adds the best detection of each scored window, or its miss.
func (f *File) addWindows(r *Result, hit []bool, best []float64) {
	for k, scored := range f.scoredWindows() {
		if !scored {
			continue
		}
		r.Windows++
		if hit[k] {
			r.WindowsDetected++
			r.Raw += best[k]
		} else {
			r.Raw -= f.profile.FN
		}
	}
}

// Flags turns anomaly scores into detections: score ≥ threshold. NaN never
// detects.
func Flags(scores []float64, threshold float64) []bool {
	out := make([]bool, len(scores))
	for i, s := range scores {
		out[i] = s >= threshold
	}
	return out
}

// Normalized is NAB's normalised score of a set of files: 100 × (raw − null)
// / (perfect − null), with each term summed over the files.
func Normalized(raw, null, perfect float64) float64 {
	return 100 * (raw - null) / (perfect - null)
}

// Total sums results over files and returns the normalised score.
func Total(rs []Result) (raw, null, perfect, normalized float64) {
	for _, r := range rs {
		raw, null, perfect = raw+r.Raw, null+r.Null, perfect+r.Perfect
	}
	return raw, null, perfect, Normalized(raw, null, perfect)
}
