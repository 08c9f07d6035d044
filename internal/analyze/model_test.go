package analyze

import (
	"bytes"
	"math"
	"path/filepath"
	"testing"
)

// routingData reads our own starter routing set (in the repository).
func routingData(t testing.TB) []Example {
	var all []Example
	for _, f := range []string{"en.jsonl", "fr.jsonl"} {
		ex, err := ReadExamplesFile(filepath.Join("..", "..", "data", "training", "routing", f))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ex...)
	}
	return all
}

// splitEvery puts every n-th example in the test part.
func splitEvery(ex []Example, n int) (train, test []Example) {
	for i, e := range ex {
		if i%n == n-1 {
			test = append(test, e)
		} else {
			train = append(train, e)
		}
	}
	return train, test
}

// TestRoundTripRouting trains on 80% of the starter routing set and checks
// the macro-F1 on the other 20%.
func TestRoundTripRouting(t *testing.T) {
	train, test := splitEvery(routingData(t), 5)
	m, err := Train(train, DefaultTrainOptions("routing-test", nil))
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(m, test, nil)
	t.Logf("routing: %d train, %d test, macro-F1 %.3f, accuracy %.3f", len(train), len(test), r.MacroF1, r.Accuracy)
	if r.MacroF1 < 0.6 {
		t.Errorf("routing macro-F1 %.3f < 0.6", r.MacroF1)
	}
	if len(r.PerClass) != 8 {
		t.Errorf("%d classes in report, want 8", len(r.PerClass))
	}
}

// TestRoundTripSentimentFR trains on the French sentiment tweets and checks
// the macro-F1 on their dev split (skipped without the shared data).
func TestRoundTripSentimentFR(t *testing.T) {
	train, dev := readShared(t, "sentiment-fr/train.jsonl"), readShared(t, "sentiment-fr/dev.jsonl")
	lex, err := LoadLexicons(filepath.Join(sharedData(t), "lexicons"), []string{"vader-fr"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Train(train, DefaultTrainOptions("sentiment-fr-test", lex))
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(m, dev, nil)
	t.Logf("sentiment-fr dev: macro-F1 %.3f", r.MacroF1)
	if r.MacroF1 < 0.6 {
		t.Errorf("sentiment-fr macro-F1 %.3f < 0.6", r.MacroF1)
	}
}

func TestSaveLoad(t *testing.T) {
	train, test := splitEvery(routingData(t), 5)
	lex := NewLexicon()
	lex.Add("fr", "nul", -0.8)
	lex.Add("en", "great", 0.8)
	lex.Sources = []string{"test"}
	m, err := Train(train, DefaultTrainOptions("save", lex))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	size := buf.Len()
	got, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got.Info.Version != m.Info.Version || got.fingerprint() != m.fingerprint() {
		t.Errorf("version %s / %s, fingerprint %s / %s", got.Info.Version, m.Info.Version, got.fingerprint(), m.fingerprint())
	}
	if got.Lexicon().Len() != 2 {
		t.Errorf("lexicon has %d terms after load, want 2", got.Lexicon().Len())
	}
	for _, e := range test {
		a, b := m.Predict(e.Text, e.Lang), got.Predict(e.Text, e.Lang)
		if a.Label != b.Label || a.Confidence != b.Confidence {
			t.Fatalf("prediction changed after load: %+v vs %+v", a, b)
		}
	}
	t.Logf("model file: %d bytes", size)
}

func TestLoadRejectsBadFiles(t *testing.T) {
	m, err := Train(routingData(t)[:400], DefaultTrainOptions("bad", nil))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("XXXX"), good[4:]...),
		"version":   append(append([]byte("SWBM"), 9, 0), good[6:]...),
		"truncated": good[:len(good)/2],
	}
	for name, b := range cases {
		if _, err := Load(bytes.NewReader(b)); err == nil {
			t.Errorf("%s: Load accepted a bad file", name)
		}
	}
}

func TestTrainingIsDeterministic(t *testing.T) {
	ex := routingData(t)[:600]
	a, err := Train(ex, DefaultTrainOptions("det", nil))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Train(ex, DefaultTrainOptions("det", nil))
	if a.Info.Version != b.Info.Version {
		t.Errorf("same seed gave %s and %s", a.Info.Version, b.Info.Version)
	}
	opt := DefaultTrainOptions("det", nil)
	opt.Params.Seed = 2
	c, _ := Train(ex, opt)
	if c.Info.Version == a.Info.Version {
		t.Error("another seed gave the same weights")
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := Train(nil, DefaultTrainOptions("x", nil)); err == nil {
		t.Error("no examples: want an error")
	}
	one := []Example{{"a", "x", "en"}, {"b", "x", "en"}}
	if _, err := Train(one, DefaultTrainOptions("x", nil)); err == nil {
		t.Error("one label: want an error")
	}
}

func TestScore(t *testing.T) {
	r := Score([]string{"a", "a", "b", "b"}, []string{"a", "b", "b", "b"}, []string{"a", "b", "c"})
	if r.Accuracy != 0.75 {
		t.Errorf("accuracy %v", r.Accuracy)
	}
	// a: P 1, R .5, F1 2/3; b: P 2/3, R 1, F1 .8; c has no support.
	if want := (2.0/3 + 0.8) / 2; r.MacroF1 < want-1e-9 || r.MacroF1 > want+1e-9 {
		t.Errorf("macro-F1 %v, want %v", r.MacroF1, want)
	}
	if r.Confusion[0][1] != 1 || r.Confusion[1][1] != 2 {
		t.Errorf("confusion %v", r.Confusion)
	}
}

func TestHalf(t *testing.T) {
	for _, f := range []float32{0, 1, -1, 0.5, 3.14159, -0.0001, 65504, 1e-8} {
		got := fromHalf(toHalf(f))
		if d := got - f; d > 0.001*abs32(f)+1e-4 || d < -0.001*abs32(f)-1e-4 {
			t.Errorf("half(%v) = %v", f, got)
		}
	}
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

func TestInvSqrt(t *testing.T) {
	for _, x := range []float32{1e-12, 1e-6, 0.01, 1, 2, 1234.5, 1e8} {
		want := 1 / math.Sqrt(float64(x))
		if got := float64(invSqrt(x)); math.Abs(got-want) > 1e-4*want {
			t.Errorf("invSqrt(%g) = %g, want %g", x, got, want)
		}
	}
}
