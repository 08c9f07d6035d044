package analyze

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// The default models, trained by models/train.sh (see docs/MODELS.md for
// their data and licenses).
//
//go:embed models/*.sbm
var defaultFiles embed.FS

// Model file names, in the embedded set and in a model directory.
const (
	RoutingFile     = "routing.sbm"
	SentimentENFile = "sentiment-en.sbm"
	SentimentFRFile = "sentiment-fr.sbm"
)

// DefaultSignals is how many signals the default engine explains.
const DefaultSignals = 3

var defaultModels = sync.OnceValues(func() (*Models, error) {
	return loadModels(func(name string) ([]byte, error) {
		return defaultFiles.ReadFile("models/" + name)
	})
})

// DefaultModels returns the models embedded in the binary. They are
// loaded once and shared: models are read-only.
func DefaultModels() (*Models, error) { return defaultModels() }

// LoadModels reads routing.sbm, sentiment-en.sbm and sentiment-fr.sbm
// from dir; a missing sentiment-fr.sbm leaves French to the English model.
func LoadModels(dir string) (*Models, error) {
	return loadModels(func(name string) ([]byte, error) {
		return os.ReadFile(filepath.Join(dir, name))
	})
}

func loadModels(read func(string) ([]byte, error)) (*Models, error) {
	ms := &Models{Sentiment: map[string]*Model{}, Signals: DefaultSignals}
	var err error
	if ms.Routing, err = loadOne(read, RoutingFile); err != nil {
		return nil, err
	}
	if ms.Sentiment["en"], err = loadOne(read, SentimentENFile); err != nil {
		return nil, err
	}
	if fr, err := loadOne(read, SentimentFRFile); err == nil {
		ms.Sentiment["fr"] = fr
	}
	return ms, ms.validate()
}

func loadOne(read func(string) ([]byte, error), name string) (*Model, error) {
	b, err := read(name)
	if err != nil {
		return nil, fmt.Errorf("load models: %w", err)
	}
	m, err := Load(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("load models: %s: %w", name, err)
	}
	return m, nil
}

// NewDefaultEngine returns an engine serving the embedded default models.
func NewDefaultEngine() (*Engine, error) {
	ms, err := DefaultModels()
	if err != nil {
		return nil, err
	}
	return NewEngine(ms)
}

// DefaultLexicon returns the lexicon of the default routing model, to
// retrain with the same lexicon features without the lexicon files.
func DefaultLexicon() (*Lexicon, error) {
	ms, err := DefaultModels()
	if err != nil {
		return nil, err
	}
	if ms.Routing.Lexicon() == nil {
		return nil, fmt.Errorf("default routing model has no lexicon")
	}
	return ms.Routing.Lexicon(), nil
}
