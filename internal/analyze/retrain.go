package analyze

import (
	"fmt"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Correction is an agent's re-route of a message: a labelled example for
// the routing model.
func Correction(text, lang string, class message.Class) Example {
	return Example{Text: text, Label: string(class), Lang: lang}
}

// RetrainRouting trains a new routing model on examples (the starter set
// plus the agents' corrections) with the features, parameters and lexicon
// of the routing model being served, and returns the engine's models with
// it, ready for Swap. The serving models are not changed.
func (e *Engine) RetrainRouting(examples []Example) (*Models, error) {
	cur := e.Models()
	for i, ex := range examples {
		if !message.Class(ex.Label).Valid() {
			return nil, fmt.Errorf("retrain routing: example %d: %q is not a class of the taxonomy", i, ex.Label)
		}
	}
	old := cur.Routing.Info
	opt := TrainOptions{Name: old.Name, Features: old.Features, Params: old.Params, Lexicon: cur.Routing.Lexicon()}
	m, err := Train(examples, opt)
	if err != nil {
		return nil, fmt.Errorf("retrain routing: %w", err)
	}
	return &Models{Sentiment: cur.Sentiment, Routing: m, Signals: cur.Signals}, nil
}
