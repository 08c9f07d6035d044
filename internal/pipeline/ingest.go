package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// ErrBusy is returned when the ingest stream holds its maximum backlog: the
// caller should retry later (HTTP 503 with Retry-After). Nothing was lost.
var ErrBusy = errors.New("the pipeline's backlog is full, retry later")

// Published is the outcome of handing one message to the pipeline.
type Published struct {
	Duplicate bool  // JetStream had already seen this message id
	Err       error // not published; nothing was kept
}

// Publish hands messages to the ingest stream, durably: when it returns
// without error for a message, that message will be processed even if the
// process dies. Each message's id for deduplication is its channel and
// external id. It waits for every acknowledgement.
func (b *Bus) Publish(ctx context.Context, msgs []*message.Message) []Published {
	out := make([]Published, len(msgs))
	futures := make([]jetstream.PubAckFuture, len(msgs))
	now := time.Now().UTC()
	for i, m := range msgs {
		if m.ReceivedAt.IsZero() {
			m.ReceivedAt = now
		}
		futures[i], out[i].Err = b.publishAsync(m, m.Key())
	}
	for i, f := range futures {
		if f == nil {
			continue
		}
		out[i] = await(ctx, f)
	}
	return out
}

// Republish hands a message to the ingest stream again under a fresh
// deduplication id, for a retried dead letter.
func (b *Bus) Republish(ctx context.Context, m *message.Message, attempt string) Published {
	f, err := b.publishAsync(m, m.Key()+"#retry-"+attempt)
	if err != nil {
		return Published{Err: err}
	}
	return await(ctx, f)
}

func (b *Bus) publishAsync(m *message.Message, id string) (jetstream.PubAckFuture, error) {
	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode message %s: %w", m.Key(), err)
	}
	f, err := b.js.PublishAsync(b.IngestSubject, data, jetstream.WithMsgID(id))
	if err != nil {
		return nil, fmt.Errorf("publish %s: %w", m.Key(), busy(err))
	}
	return f, nil
}

func await(ctx context.Context, f jetstream.PubAckFuture) Published {
	select {
	case ack := <-f.Ok():
		return Published{Duplicate: ack.Duplicate}
	case err := <-f.Err():
		return Published{Err: busy(err)}
	case <-ctx.Done():
		return Published{Err: fmt.Errorf("waiting for JetStream: %w", ctx.Err())}
	}
}

// busy turns JetStream's "stream full" refusal into ErrBusy.
func busy(err error) error {
	var api *jetstream.APIError
	if errors.As(err, &api) && api.ErrorCode == 10077 {
		return fmt.Errorf("%w (%s)", ErrBusy, api.Description)
	}
	return err
}
