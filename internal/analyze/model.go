package analyze

import (
	"math"
	"sync"
)

// ModelInfo describes a model; it is saved in the model file's header.
type ModelInfo struct {
	// Name says what the model does ("sentiment", "routing").
	Name string `json:"name"`
	// Version identifies the trained weights; Engine records it on each
	// analysis. Train sets it from a hash of the weights.
	Version  string        `json:"version"`
	Labels   []string      `json:"labels"`
	Features FeatureConfig `json:"features"`
	// Temperature divides the scores before the softmax (calibration).
	Temperature float32 `json:"temperature"`
	// Threshold is the confidence under which the model abstains.
	Threshold float32 `json:"threshold"`
	// Lexicons names the lexicons embedded in the model.
	Lexicons []string `json:"lexicons,omitempty"`
	// Trained records when and on what the model was trained.
	Trained  string         `json:"trained,omitempty"`
	Examples int            `json:"examples"`
	Params   TrainingParams `json:"params"`
}

// Model is a trained multinomial logistic regression over hashed features.
// It is safe for concurrent use once trained or loaded.
type Model struct {
	Info ModelInfo
	lex  *Lexicon
	// rows maps a hash bucket to its row of weights, -1 for none.
	rows []int32
	// w holds one row of len(Labels) weights per used bucket.
	w []float32
	// idf holds each bucket's inverse document frequency (0 for unused
	// buckets) when Info.Features.IDF is set.
	idf []float32
	// dense, for models with few labels, holds the half-precision weights
	// of every bucket in place: one memory access per feature instead of
	// two, in half the memory.
	dense []uint16
	pool  sync.Pool
}

// maxDenseLabels is the most labels for which weights are kept dense.
const maxDenseLabels = 4

// ready prepares a trained or loaded model for prediction.
func (m *Model) ready() {
	k := len(m.Info.Labels)
	if k > maxDenseLabels {
		return
	}
	m.dense = make([]uint16, len(m.rows)*k)
	for b, r := range m.rows {
		for c := 0; r >= 0 && c < k; c++ {
			m.dense[b*k+c] = toHalf(m.w[int(r)*k+c])
		}
	}
}

// Prediction is a model's answer for one text.
type Prediction struct {
	Label string
	// Confidence is the calibrated probability of Label.
	Confidence float64
	// Abstain is true when Confidence is under the model's threshold.
	Abstain bool
	// Probs are the calibrated probabilities, in the order of Labels.
	Probs []float64
}

// scratch is the per-goroutine buffers of prediction.
type scratch struct {
	tokens []Token
	terms  []Term
	fz     featurizer
	scores []float64
}

func (m *Model) scratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{fz: featurizer{cfg: &m.Info.Features, lex: m.lex, idf: m.idf}}
}

// Predict classifies text written in lang ("" or unknown: no stemming and
// no lexicon).
func (m *Model) Predict(text, lang string) Prediction {
	s := m.scratch()
	defer m.pool.Put(s)
	feats := m.featurize(s, text, lang)
	p := m.softmax(m.scoresOf(feats, s))
	return m.prediction(p)
}

// predictTerms classifies already normalized terms (tokens are only
// needed for explanations).
func (m *Model) predictTerms(terms []Term, lang string) Prediction {
	s := m.scratch()
	defer m.pool.Put(s)
	feats := s.fz.features(terms, lang)
	return m.prediction(m.softmax(m.scoresOf(feats, s)))
}

// featurize tokenizes, normalizes and hashes text into s's buffers.
func (m *Model) featurize(s *scratch, text, lang string) []feat {
	s.tokens = AppendTokens(s.tokens[:0], text)
	s.terms = AppendTerms(s.terms[:0], s.tokens, lang)
	return s.fz.features(s.terms, lang)
}

// scoresOf computes the raw class scores of features.
func (m *Model) scoresOf(feats []feat, s *scratch) []float64 {
	k := len(m.Info.Labels)
	if cap(s.scores) < k {
		s.scores = make([]float64, k)
	}
	sc := s.scores[:k]
	clear(sc)
	mask := uint64(len(m.rows) - 1)
	if m.dense != nil {
		m.scoresDense(feats, sc, mask, k)
		return sc
	}
	for _, f := range feats {
		r := m.rows[mix(f.h)&mask]
		if r < 0 {
			continue
		}
		row := m.w[int(r)*k : int(r)*k+k]
		v := float64(f.val)
		for c, w := range row {
			sc[c] += v * float64(w)
		}
	}
	return sc
}

// scoresDense adds the scores of feats from the dense weights.
func (m *Model) scoresDense(feats []feat, sc []float64, mask uint64, k int) {
	if k == 3 {
		m.scoresDense3(feats, sc, mask)
		return
	}
	for _, f := range feats {
		b := int(mix(f.h)&mask) * k
		row := m.dense[b : b+k]
		v := float64(f.val)
		for c, w := range row {
			sc[c] += v * float64(halfTable[w])
		}
	}
}

// scoresDense3 is scoresDense for three labels (sentiment), keeping the
// sums in registers so that the table loads can overlap.
func (m *Model) scoresDense3(feats []feat, sc []float64, mask uint64) {
	var s0, s1, s2 float64
	d := m.dense
	for _, f := range feats {
		b := int(mix(f.h)&mask) * 3
		row := d[b : b+3 : b+3]
		v := float64(f.val)
		s0 += v * float64(halfTable[row[0]])
		s1 += v * float64(halfTable[row[1]])
		s2 += v * float64(halfTable[row[2]])
	}
	sc[0], sc[1], sc[2] = s0, s1, s2
}

// softmax turns scores into calibrated probabilities, in place.
func (m *Model) softmax(sc []float64) []float64 {
	t := float64(m.Info.Temperature)
	if t <= 0 {
		t = 1
	}
	softmaxT(sc, t)
	return sc
}

// softmaxT is the softmax of sc/t, in place.
func softmaxT(sc []float64, t float64) {
	hi := math.Inf(-1)
	for _, v := range sc {
		hi = max(hi, v)
	}
	sum := 0.0
	for i, v := range sc {
		sc[i] = math.Exp((v - hi) / t)
		sum += sc[i]
	}
	for i := range sc {
		sc[i] /= sum
	}
}

// prediction picks the best label of probabilities p (copied).
func (m *Model) prediction(p []float64) Prediction {
	best := 0
	for i := range p {
		if p[i] > p[best] {
			best = i
		}
	}
	probs := append([]float64(nil), p...)
	return Prediction{
		Label:      m.Info.Labels[best],
		Confidence: p[best],
		Abstain:    p[best] < float64(m.Info.Threshold),
		Probs:      probs,
	}
}

// PredictLabel is Predict returning only the label, without allocating.
func (m *Model) PredictLabel(text, lang string) string {
	s := m.scratch()
	defer m.pool.Put(s)
	sc := m.scoresOf(m.featurize(s, text, lang), s)
	best := 0
	for i := range sc {
		if sc[i] > sc[best] {
			best = i
		}
	}
	return m.Info.Labels[best]
}

// Lexicon returns the model's lexicon, nil if it has none.
func (m *Model) Lexicon() *Lexicon { return m.lex }
