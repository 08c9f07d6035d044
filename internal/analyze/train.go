package analyze

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// TrainingParams are the knobs of training; the defaults serve every task.
type TrainingParams struct {
	Epochs       int     `json:"epochs"`
	LearningRate float64 `json:"learning_rate"`
	L2           float64 `json:"l2"`
	Seed         uint64  `json:"seed"`
	// HoldOut is the fraction of examples kept aside to calibrate the
	// temperature before the final training on everything; 0 skips it.
	HoldOut float64 `json:"hold_out"`
	// Threshold is the abstain threshold recorded in the model.
	Threshold float64 `json:"threshold"`
}

// DefaultParams are the training parameters of the shipped models.
var DefaultParams = TrainingParams{Epochs: 10, LearningRate: 0.15, L2: 1e-4, Seed: 1, HoldOut: 0.1, Threshold: 0.5}

// TrainOptions say what to train.
type TrainOptions struct {
	Name     string
	Features FeatureConfig
	Params   TrainingParams
	// Lexicon is embedded in the model when Features.Lexicon is set.
	Lexicon *Lexicon
	// Progress, if set, is called after each epoch of the final training.
	Progress func(epoch, epochs int)
}

// DefaultTrainOptions returns options for a model named name with the
// default features and parameters.
func DefaultTrainOptions(name string, lex *Lexicon) TrainOptions {
	return TrainOptions{Name: name, Features: DefaultFeatures, Params: DefaultParams, Lexicon: lex}
}

// Train fits a model on examples. It is deterministic for a given seed.
func Train(examples []Example, opt TrainOptions) (*Model, error) {
	if len(examples) == 0 {
		return nil, errors.New("train: no examples")
	}
	if opt.Features.Bits < 8 || opt.Features.Bits > 26 {
		return nil, fmt.Errorf("train: hash bits %d out of [8, 26]", opt.Features.Bits)
	}
	m := newModel(opt, labelsOf(examples))
	if len(m.Info.Labels) < 2 {
		return nil, errors.New("train: need at least two labels")
	}
	if opt.Features.IDF {
		m.idf = m.documentFrequencies(examples)
	}
	data := m.encode(examples)
	m.w, m.Info.Temperature = fitCalibrated(m, data, opt)
	quantize(m.w)
	m.ready()
	m.Info.Examples = len(examples)
	m.Info.Trained = time.Now().UTC().Format(time.RFC3339)
	m.Info.Version = m.Info.Name + "-" + m.fingerprint()
	return m, nil
}

// fitCalibrated trains the final weights on all of data and, at the same
// time on another core, a calibration model on all but a held-out share,
// whose log-loss on that share sets the temperature. Both are
// deterministic, so the result does not depend on scheduling. Small sets
// skip calibration.
func fitCalibrated(m *Model, data *dataset, opt TrainOptions) ([]float32, float32) {
	p := opt.Params
	k, rows := len(m.Info.Labels), m.numRows()
	temp := make(chan float64, 1)
	go func() {
		if p.HoldOut <= 0 || data.len() < minCalibration {
			temp <- 1
			return
		}
		train, held := split(data, p.HoldOut, p.Seed)
		cal := newTrainer(k, rows, p)
		cal.run(train, p.Epochs, nil, p.Epochs)
		temp <- fitTemperature(heldScores(held, cal.w, k), held.y)
	}()
	tr := newTrainer(k, rows, p)
	tr.run(data, p.Epochs, opt.Progress, p.Epochs)
	return tr.w, float32(<-temp)
}

func newModel(opt TrainOptions, labels []string) *Model {
	m := &Model{Info: ModelInfo{
		Name: opt.Name, Labels: labels, Features: opt.Features, Params: opt.Params,
		Threshold: float32(opt.Params.Threshold),
	}}
	if opt.Features.Lexicon && opt.Lexicon != nil {
		m.lex = opt.Lexicon
		m.Info.Lexicons = opt.Lexicon.Sources
	}
	m.rows = make([]int32, 1<<opt.Features.Bits)
	for i := range m.rows {
		m.rows[i] = -1
	}
	return m
}

// labelsOf returns the sorted distinct labels of examples.
func labelsOf(examples []Example) []string {
	seen := map[string]bool{}
	for _, e := range examples {
		seen[e.Label] = true
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

func (m *Model) numRows() int {
	n := 0
	for _, r := range m.rows {
		if r >= 0 {
			n++
		}
	}
	return n
}

// dataset is examples encoded as rows of weights and values.
type dataset struct {
	rows  []int32
	vals  []float32
	start []int // example i's features are [start[i], start[i+1])
	y     []int
}

func (d *dataset) len() int { return len(d.y) }

// encode featurizes examples, giving a weight row to each new bucket.
func (m *Model) encode(examples []Example) *dataset {
	d := &dataset{start: make([]int, 0, len(examples)+1)}
	index := map[string]int{}
	for i, l := range m.Info.Labels {
		index[l] = i
	}
	s := m.scratch()
	s.fz.idf = m.idf
	mask := uint64(len(m.rows) - 1)
	next := int32(0)
	for _, ex := range examples {
		d.start = append(d.start, len(d.rows))
		d.y = append(d.y, index[ex.Label])
		for _, f := range m.featurize(s, ex.Text, exampleLang(ex)) {
			b := mix(f.h) & mask
			if m.rows[b] < 0 {
				m.rows[b] = next
				next++
			}
			d.rows = append(d.rows, m.rows[b])
			d.vals = append(d.vals, f.val)
		}
	}
	d.start = append(d.start, len(d.rows))
	return d
}

// documentFrequencies returns the smoothed inverse document frequency of
// every bucket met in examples, 0 for the others (as scikit-learn's
// TfidfVectorizer: ln((1+n)/(1+df)) + 1).
func (m *Model) documentFrequencies(examples []Example) []float32 {
	df := make([]int32, len(m.rows))
	last := make([]int32, len(m.rows))
	s := m.scratch()
	mask := uint64(len(m.rows) - 1)
	for i, ex := range examples {
		for _, f := range m.featurize(s, ex.Text, exampleLang(ex)) {
			if b := mix(f.h) & mask; last[b] != int32(i+1) {
				last[b] = int32(i + 1)
				df[b]++
			}
		}
	}
	idf := make([]float32, len(m.rows))
	n := float64(len(examples))
	for b, d := range df {
		if d > 0 {
			idf[b] = fromHalf(toHalf(float32(math.Log((1+n)/(1+float64(d))) + 1)))
		}
	}
	return idf
}

// exampleLang is the example's language, identified when not given.
func exampleLang(ex Example) string { return Identify(ex.Text, ex.Lang) }
