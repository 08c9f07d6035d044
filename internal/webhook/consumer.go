package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// ConsumerName is the durable consumer of routed events that stores webhook
// deliveries.
const ConsumerName = "webhooks"

// NewConsumer creates (or finds) the durable consumer of routed messages.
// Created before the processor runs, it misses none and resumes where it
// stopped after a restart.
func NewConsumer(ctx context.Context, bus *pipeline.Bus) (jetstream.Consumer, error) {
	cons, err := bus.JetStream().CreateOrUpdateConsumer(ctx, bus.EventsStream, jetstream.ConsumerConfig{
		Durable: bus.EventsStream + "_" + ConsumerName, FilterSubject: bus.RoutedSubject,
		AckPolicy: jetstream.AckExplicitPolicy, AckWait: time.Minute, MaxAckPending: 1,
		DeliverPolicy: jetstream.DeliverNewPolicy,
		Description:   "outbound webhooks",
	})
	if err != nil {
		return nil, fmt.Errorf("webhook consumer: %w", err)
	}
	return cons, nil
}

// Feed stores a delivery of every routed event for the subscriptions that
// want it, until ctx ends. An event is acknowledged once stored, so a crash
// redelivers it (and it is stored once); MaxAckPending 1 keeps the order of
// the stream. wake, when not nil, is told after each stored event.
func Feed(ctx context.Context, cons jetstream.Consumer, st *store.Store, wake func(), log *slog.Logger) error {
	it, err := cons.Messages(jetstream.PullMaxMessages(64))
	if err != nil {
		return fmt.Errorf("webhook consumer: %w", err)
	}
	go func() { <-ctx.Done(); it.Stop() }()
	for {
		msg, err := it.Next()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, jetstream.ErrMsgIteratorClosed) {
				return nil
			}
			return fmt.Errorf("webhook consumer: %w", err)
		}
		if err := enqueueEvent(ctx, st, msg); err != nil {
			log.Warn("webhook event not stored; retried", "err", err)
			msg.NakWithDelay(time.Second)
			continue
		}
		msg.Ack()
		if wake != nil {
			wake()
		}
	}
}

// enqueueEvent stores the deliveries of one event; an event that is not one is dropped.
func enqueueEvent(ctx context.Context, st *store.Store, msg jetstream.Msg) error {
	var ev pipeline.Event
	if err := json.Unmarshal(msg.Data(), &ev); err != nil || ev.Type != MessageRouted {
		return nil // not a routed message: nothing to send
	}
	we, err := Routed(ev, time.Now())
	if err != nil {
		return err
	}
	_, err = st.EnqueueWebhook(ctx, we, time.Now())
	return err
}
