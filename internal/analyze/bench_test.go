package analyze

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// sharedData is where ../shared/data lives relative to this package; set
// SWITCHBOARD_SHARED_DATA to point elsewhere.
func sharedData(t testing.TB) string {
	dir := os.Getenv("SWITCHBOARD_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared data not found; set SWITCHBOARD_SHARED_DATA")
	}
	return dir
}

func readShared(t testing.TB, rel string) []Example {
	ex, err := ReadExamplesFile(filepath.Join(sharedData(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// BenchmarkPredict measures single-core prediction throughput of a
// sentiment model over English tweets; ns/op is per message.
func BenchmarkPredict(b *testing.B) {
	train := readShared(b, "sentiment-en/train.jsonl")
	lex, err := LoadLexicons(filepath.Join(sharedData(b), "lexicons"), []string{"vader-en"})
	if err != nil {
		b.Fatal(err)
	}
	opt := DefaultTrainOptions("bench", lex)
	opt.Params.HoldOut = 0
	m, err := Train(train, opt)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ex := train[i%len(train)]
		m.PredictLabel(ex.Text, ex.Lang)
	}
}

// BenchmarkEngineAnalyze measures the full analysis of one message with the
// default models: language id, sentiment, routing and signals.
func BenchmarkEngineAnalyze(b *testing.B) {
	e, err := NewDefaultEngine()
	if err != nil {
		b.Fatal(err)
	}
	texts := []string{
		"@Telvia 3e jour sans internet, personne ne répond, c'est une honte",
		"@AirLumen thanks for the upgrade, the crew was amazing!",
		"how do I reset my password? the link in the email has expired",
		"Nous souhaitons équiper nos 40 agences, pouvez-vous nous envoyer un devis ?",
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Analyze(&message.Message{Text: texts[i%len(texts)]})
	}
}
