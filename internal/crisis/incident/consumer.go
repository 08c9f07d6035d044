package incident

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// ConsumerName is the durable consumer of routed events that feeds the
// detector.
const ConsumerName = "crisis"

// tickEvery is how often the stream clock is advanced between messages.
const tickEvery = 30 * time.Second

// NewConsumer creates (or finds) the durable consumer of routed messages.
// Created before the processor runs, it misses none: it starts with the
// messages routed after its creation, then resumes where it stopped.
func NewConsumer(ctx context.Context, bus *pipeline.Bus) (jetstream.Consumer, error) {
	cons, err := bus.JetStream().CreateOrUpdateConsumer(ctx, bus.EventsStream, jetstream.ConsumerConfig{
		Durable: bus.EventsStream + "_" + ConsumerName, FilterSubject: bus.RoutedSubject,
		AckPolicy: jetstream.AckExplicitPolicy, AckWait: time.Minute, MaxAckPending: 1000,
		DeliverPolicy: jetstream.DeliverNewPolicy,
		Description:   "the crisis detector and incidents",
	})
	if err != nil {
		return nil, fmt.Errorf("crisis consumer: %w", err)
	}
	return cons, nil
}

// Consume feeds the manager from the durable consumer until ctx ends: a
// message is acknowledged once handled, so a crash redelivers it (incidents
// gather a message once).
func Consume(ctx context.Context, cons jetstream.Consumer, m *Manager) error {
	it, err := cons.Messages(jetstream.PullMaxMessages(256))
	if err != nil {
		return fmt.Errorf("crisis consumer: %w", err)
	}
	go func() { <-ctx.Done(); it.Stop() }()
	go m.tickUntil(ctx)
	for {
		msg, err := it.Next()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, jetstream.ErrMsgIteratorClosed) {
				return nil
			}
			return fmt.Errorf("crisis consumer: %w", err)
		}
		m.handleMsg(ctx, msg)
	}
}

// handleMsg handles one event; on a failure the event is redelivered later.
func (m *Manager) handleMsg(ctx context.Context, msg jetstream.Msg) {
	var ev pipeline.Event
	if err := json.Unmarshal(msg.Data(), &ev); err != nil {
		m.log.Error("crisis: unreadable event, dropped", "err", err)
		msg.Term()
		return
	}
	if err := m.Handle(ctx, &ev.Message); err != nil {
		if ctx.Err() != nil {
			return // stopping: redelivered at the next start
		}
		m.log.Error("crisis: handle message", "message", ev.Message.ID, "err", err)
		msg.NakWithDelay(5 * time.Second)
		return
	}
	msg.Ack()
}

func (m *Manager) tickUntil(ctx context.Context) {
	t := time.NewTicker(tickEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if err := m.Tick(ctx, now); err != nil && ctx.Err() == nil {
				m.log.Error("crisis: tick", "err", err)
			}
		}
	}
}
