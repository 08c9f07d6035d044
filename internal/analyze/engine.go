package analyze

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Analyzer is what the pipeline calls for each message.
type Analyzer interface {
	Analyze(m *message.Message) message.Analysis
}

// Models are the models an Engine serves together.
type Models struct {
	// Sentiment holds one sentiment model per language; "en" also serves
	// languages without their own model.
	Sentiment map[string]*Model
	// Routing predicts the class of the default taxonomy.
	Routing *Model
	// Signals is how many signals to explain per message (0: none).
	Signals int
}

// Version names the set of models: their versions joined by "+".
func (ms *Models) Version() string {
	parts := []string{ms.Routing.Info.Version}
	for _, l := range []string{"en", "fr"} {
		if m := ms.Sentiment[l]; m != nil {
			parts = append(parts, m.Info.Version)
		}
	}
	return strings.Join(parts, "+")
}

// validate checks that the models can serve the Analyzer.
func (ms *Models) validate() error {
	if ms == nil || ms.Routing == nil {
		return errors.New("models: no routing model")
	}
	if ms.Sentiment["en"] == nil {
		return errors.New("models: no English sentiment model")
	}
	for lang, m := range ms.Sentiment {
		if m.labelIndex(string(message.Positive)) < 0 || m.labelIndex(string(message.Negative)) < 0 {
			return fmt.Errorf("models: sentiment model %s lacks positive or negative labels", lang)
		}
	}
	return nil
}

// MaxTextBytes is how much of a message's text the Engine reads: long
// emails are judged on their beginning, and a huge text costs no more than
// this.
const MaxTextBytes = 16 << 10

// Engine analyzes messages with a set of models that can be swapped while
// it runs; the previous set is kept for Rollback. It is safe for
// concurrent use.
type Engine struct {
	cur  atomic.Pointer[served]
	mu   sync.Mutex // serializes Swap and Rollback
	prev *served
	bufs bufPool
}

// served is a set of models with its version, computed once.
type served struct {
	models  *Models
	version string
}

// NewEngine returns an engine serving models.
func NewEngine(ms *Models) (*Engine, error) {
	if err := ms.validate(); err != nil {
		return nil, fmt.Errorf("new engine: %w", err)
	}
	e := &Engine{}
	e.cur.Store(&served{ms, ms.Version()})
	return e, nil
}

// Swap starts serving ms, keeping the models served until now for Rollback.
func (e *Engine) Swap(ms *Models) error {
	if err := ms.validate(); err != nil {
		return fmt.Errorf("swap models: %w", err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.prev = e.cur.Swap(&served{ms, ms.Version()})
	return nil
}

// Rollback goes back to the models served before the last Swap.
func (e *Engine) Rollback() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.prev == nil {
		return errors.New("rollback: no previous models")
	}
	e.prev = e.cur.Swap(e.prev)
	return nil
}

// Models returns the models being served.
func (e *Engine) Models() *Models { return e.cur.Load().models }

// Version returns the version of the models being served.
func (e *Engine) Version() string { return e.cur.Load().version }

// Analyze identifies the language of m (its platform hint m.Lang wins),
// its sentiment and routing class. When the routing model is unsure the
// class is still its best guess, with its low confidence: routing sends
// low confidence to triage.
func (e *Engine) Analyze(m *message.Message) message.Analysis {
	s := e.cur.Load()
	b := e.bufs.Get()
	defer e.bufs.Put(b)
	b.tokens = AppendTokens(b.tokens[:0], truncate(m.Text, MaxTextBytes))
	lang := normalizeLangHint(m.Lang)
	if lang == "" {
		lang = identifyTokens(b.tokens)
	}
	b.terms = AppendTerms(b.terms[:0], b.tokens, lang)
	a := message.Analysis{Lang: lang, ModelVersion: s.version}
	sm := s.models.sentimentFor(lang)
	a.Sentiment, a.SentimentScore = sentiment(sm, sm.predictTerms(b.terms, lang))
	routing := s.models.Routing
	r := routing.predictTerms(b.terms, lang)
	a.Class, a.Confidence = message.Class(r.Label), r.Confidence
	if n := s.models.Signals; n > 0 {
		a.Signals = routing.explainTerms(b.tokens, b.terms, lang, routing.labelIndex(r.Label), n)
	}
	return a
}

// textBufs are the buffers of one analysis, shared by the models.
type textBufs struct {
	tokens []Token
	terms  []Term
}

// bufPool is a typed sync.Pool of textBufs.
type bufPool struct{ p sync.Pool }

// Get returns buffers from the pool, or new ones.
func (p *bufPool) Get() *textBufs {
	if b, ok := p.p.Get().(*textBufs); ok {
		return b
	}
	return &textBufs{}
}

// Put returns buffers to the pool.
func (p *bufPool) Put(b *textBufs) { p.p.Put(b) }

// sentimentFor picks the sentiment model of lang, English by default.
func (ms *Models) sentimentFor(lang string) *Model {
	if m := ms.Sentiment[lang]; m != nil {
		return m
	}
	return ms.Sentiment["en"]
}

// sentiment returns the polarity of a sentiment model's prediction and a
// score in [-1, 1]: the probability of positive minus that of negative.
func sentiment(m *Model, p Prediction) (message.Sentiment, float64) {
	pos := p.Probs[m.labelIndex(string(message.Positive))]
	neg := p.Probs[m.labelIndex(string(message.Negative))]
	s := message.Sentiment(p.Label)
	if !s.Valid() {
		s = message.Neutral
	}
	return s, pos - neg
}
