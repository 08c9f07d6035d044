package analyze

import (
	"sort"
	"time"
)

// ClassMetrics are the precision, recall and F1 of one label.
type ClassMetrics struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

// Report is the evaluation of a model on labelled examples.
type Report struct {
	Examples          int                     `json:"examples"`
	Accuracy          float64                 `json:"accuracy"`
	MacroF1           float64                 `json:"macro_f1"`
	PerClass          map[string]ClassMetrics `json:"per_class"`
	Labels            []string                `json:"labels"`
	Confusion         [][]int                 `json:"confusion"`
	MessagesPerSecond float64                 `json:"messages_per_second"`
	Abstained         int                     `json:"abstained"`
	ModelVersion      string                  `json:"model_version"`
}

// Evaluate predicts every example and scores the predictions. progress, if
// set, is called after each example.
func Evaluate(m *Model, examples []Example, progress func()) Report {
	r, _ := EvaluatePredictions(m, examples, progress)
	return r
}

// EvaluatePredictions is Evaluate also returning the predicted labels.
func EvaluatePredictions(m *Model, examples []Example, progress func()) (Report, []string) {
	pred := make([]string, len(examples))
	abstained := 0
	start := time.Now()
	for i, ex := range examples {
		p := m.Predict(ex.Text, exampleLang(ex))
		pred[i] = p.Label
		if p.Abstain {
			abstained++
		}
		if progress != nil {
			progress()
		}
	}
	secs := time.Since(start).Seconds()
	r := Score(gold(examples), pred, m.Info.Labels)
	r.Abstained = abstained
	r.ModelVersion = m.Info.Version
	if secs > 0 {
		r.MessagesPerSecond = float64(len(examples)) / secs
	}
	return r, pred
}

func gold(examples []Example) []string {
	out := make([]string, len(examples))
	for i, e := range examples {
		out[i] = e.Label
	}
	return out
}

// Score compares predictions with gold labels. Labels are the union of
// known (the model's) and those met in gold; macro-F1 averages over the
// labels present in gold.
func Score(gold, pred, known []string) Report {
	labels := unionLabels(known, gold)
	idx := map[string]int{}
	for i, l := range labels {
		idx[l] = i
	}
	conf := make([][]int, len(labels))
	for i := range conf {
		conf[i] = make([]int, len(labels))
	}
	correct := 0
	for i := range gold {
		conf[idx[gold[i]]][idx[pred[i]]]++
		if gold[i] == pred[i] {
			correct++
		}
	}
	r := Report{Examples: len(gold), Labels: labels, Confusion: conf, PerClass: map[string]ClassMetrics{}}
	if len(gold) > 0 {
		r.Accuracy = float64(correct) / float64(len(gold))
	}
	r.MacroF1 = perClass(&r)
	return r
}

// perClass fills per-class metrics and returns the macro-F1 over labels
// with support.
func perClass(r *Report) float64 {
	sum, n := 0.0, 0
	for i, l := range r.Labels {
		tp, predicted, support := r.Confusion[i][i], 0, 0
		for j := range r.Labels {
			predicted += r.Confusion[j][i]
			support += r.Confusion[i][j]
		}
		c := ClassMetrics{Support: support, Precision: ratio(tp, predicted), Recall: ratio(tp, support)}
		if c.Precision+c.Recall > 0 {
			c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
		}
		r.PerClass[l] = c
		if support > 0 {
			sum += c.F1
			n++
		}
	}
	return ratioF(sum, n)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func ratioF(a float64, b int) float64 {
	if b == 0 {
		return 0
	}
	return a / float64(b)
}

func unionLabels(known, gold []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range append(append([]string(nil), known...), gold...) {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}
