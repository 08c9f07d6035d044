package analyze

import (
	"os"
	"path/filepath"
	"testing"
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
