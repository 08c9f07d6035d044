package pipeline

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// Event is what the events stream carries: something that happened to a message.
type Event struct {
	Type    string          `json:"type"` // "message.routed"
	Seq     uint64          `json:"seq,omitempty"`
	Message message.Message `json:"message"`
}

// Subscribe streams events after sequence number after (0: only new ones)
// until ctx ends, calling f for each in order. It is for live views: an
// ordered, ephemeral consumer that a client can resume by sequence number.
func (b *Bus) Subscribe(ctx context.Context, after uint64, f func(Event) error) error {
	cfg := jetstream.OrderedConsumerConfig{FilterSubjects: []string{b.EventsSubjects}, DeliverPolicy: jetstream.DeliverNewPolicy}
	if after > 0 {
		cfg.DeliverPolicy, cfg.OptStartSeq = jetstream.DeliverByStartSequencePolicy, after+1
	}
	cons, err := b.js.OrderedConsumer(ctx, b.EventsStream, cfg)
	if err != nil {
		return fmt.Errorf("events consumer: %w", err)
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(64))
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	go func() { <-ctx.Done(); it.Stop() }()
	for {
		msg, err := it.Next()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("events: %w", err)
		}
		var ev Event
		if json.Unmarshal(msg.Data(), &ev) != nil {
			continue // not an event of ours; the stream is ours alone
		}
		if meta, err := msg.Metadata(); err == nil {
			ev.Seq = meta.Sequence.Stream
		}
		if err := f(ev); err != nil {
			return err
		}
	}
}
