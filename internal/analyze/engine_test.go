package analyze

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func TestDefaultEngine(t *testing.T) {
	e, err := NewDefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, hint, lang string
		sentiment        message.Sentiment
	}{
		{"Merci beaucoup, service au top, je recommande 😍", "", "fr", message.Positive},
		{"c'est vraiment nul, je ne suis pas du tout content, remboursez-moi", "", "fr", message.Negative},
		{"Thank you so much, great service, love it!", "", "en", message.Positive},
		{"worst service ever, I am so angry, I want a refund", "", "en", message.Negative},
		{"worst service ever", "fr", "fr", ""},
		{"worst service ever, I am so angry, I want a refund", "und", "en", message.Negative},
	}
	for _, tt := range tests {
		a := e.Analyze(&message.Message{Text: tt.text, Lang: tt.hint})
		if a.Lang != tt.lang {
			t.Errorf("%q: lang %q, want %q", tt.text, a.Lang, tt.lang)
		}
		if tt.sentiment != "" && a.Sentiment != tt.sentiment {
			t.Errorf("%q: sentiment %q (%.2f), want %q", tt.text, a.Sentiment, a.SentimentScore, tt.sentiment)
		}
		if !a.Class.Valid() || a.Confidence <= 0 || a.Confidence > 1 {
			t.Errorf("%q: class %q confidence %v", tt.text, a.Class, a.Confidence)
		}
		if a.ModelVersion == "" || a.ModelVersion != e.Version() {
			t.Errorf("model version %q, engine %q", a.ModelVersion, e.Version())
		}
		if a.SentimentScore < -1 || a.SentimentScore > 1 {
			t.Errorf("sentiment score %v", a.SentimentScore)
		}
	}
}

func TestEngineSignals(t *testing.T) {
	e, err := NewDefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	a := e.Analyze(&message.Message{Text: "my lawyer will sue you for breach of the GDPR"})
	if len(a.Signals) == 0 || len(a.Signals) > DefaultSignals {
		t.Fatalf("signals %q", a.Signals)
	}
	t.Logf("class %s %.2f signals %q", a.Class, a.Confidence, a.Signals)
}

func TestEngineSwapRollback(t *testing.T) {
	def, err := DefaultModels()
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(def)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Rollback(); err == nil {
		t.Error("rollback with no previous models: want an error")
	}
	opt := DefaultTrainOptions("routing", def.Routing.Lexicon())
	opt.Params.Seed = 7
	retrained, err := Train(routingData(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	next := &Models{Sentiment: def.Sentiment, Routing: retrained, Signals: 1}
	if err := e.Swap(&Models{}); err == nil {
		t.Error("swap to empty models: want an error")
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { // analyses keep running while models are swapped
			defer wg.Done()
			for range 200 {
				e.Analyze(&message.Message{Text: "l'appli plante depuis la mise à jour"})
			}
		}()
	}
	if err := e.Swap(next); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	got := e.Analyze(&message.Message{Text: "hello"}).ModelVersion
	if got != next.Version() || got == def.Version() {
		t.Errorf("after swap version %q, want %q", got, next.Version())
	}
	if err := e.Rollback(); err != nil {
		t.Fatal(err)
	}
	if v := e.Analyze(&message.Message{Text: "hello"}).ModelVersion; v != def.Version() {
		t.Errorf("after rollback version %q, want %q", v, def.Version())
	}
}

func TestEmbeddedModelsSize(t *testing.T) {
	entries, err := defaultFiles.ReadDir("models")
	if err != nil {
		t.Fatal(err)
	}
	total := int64(0)
	for _, en := range entries {
		info, _ := en.Info()
		total += info.Size()
	}
	if total == 0 || total > 20<<20 {
		t.Errorf("embedded models total %d bytes, want (0, 20 MB]", total)
	}
}

func TestRetrainRoutingLearnsCorrections(t *testing.T) {
	e, err := NewDefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	text := "le colis zorglub est arrivé écrasé"
	if a := e.Analyze(&message.Message{Text: text}); a.Class == message.ClassLegal {
		t.Fatalf("before corrections the class is already legal; pick another text")
	}
	examples := routingData(t)
	for i := range 30 { // an agent re-routes the same kind of message, many times
		examples = append(examples, Correction(fmt.Sprintf("%s n°%d", text, i), "fr", message.ClassLegal))
	}
	ms, err := e.RetrainRouting(examples)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Swap(ms); err != nil {
		t.Fatal(err)
	}
	if a := e.Analyze(&message.Message{Text: text}); a.Class != message.ClassLegal {
		t.Errorf("after corrections, class %s (%.2f), want legal", a.Class, a.Confidence)
	}
	if _, err := e.RetrainRouting([]Example{{Text: "x", Label: "nope"}}); err == nil {
		t.Error("unknown class: want an error")
	}
}

func TestEngineLongAndOddTexts(t *testing.T) {
	e, err := NewDefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("mon colis n'est jamais arrivé, remboursez-moi ! ", 20000)
	for _, text := range []string{"", "   ", "\xff\xfe", long, "😡😡😡"} {
		a := e.Analyze(&message.Message{Text: text})
		if !a.Class.Valid() || !a.Sentiment.Valid() || a.ModelVersion == "" {
			t.Errorf("%.20q: analysis %+v", text, a)
		}
	}
	if a := e.Analyze(&message.Message{Text: long}); a.Lang != "fr" || a.Sentiment != message.Negative {
		t.Errorf("long French complaint: lang %s sentiment %s", a.Lang, a.Sentiment)
	}
}
