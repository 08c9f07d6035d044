package incident

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// Warm feeds the detector, without acting on its alerts, the routed
// messages the durable consumer already handled before this process
// started (as far back as the events stream keeps them: 7 days), so that a
// restart does not begin from cold baselines and a day of warm-up.
func Warm(ctx context.Context, bus *pipeline.Bus, cons jetstream.Consumer, m *Manager) (int, error) {
	info, err := cons.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("crisis warm-up: %w", err)
	}
	floor := info.AckFloor.Stream
	if floor == 0 {
		return 0, nil
	}
	oc, err := bus.JetStream().OrderedConsumer(ctx, bus.EventsStream, jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{bus.RoutedSubject}, DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if err != nil {
		return 0, fmt.Errorf("crisis warm-up: %w", err)
	}
	n := 0
	for {
		batch, err := oc.Fetch(256, jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			return n, fmt.Errorf("crisis warm-up: %w", err)
		}
		got, done := m.warmBatch(batch, floor)
		n += got
		if done || got == 0 {
			return n, batch.Error()
		}
	}
}

// warmBatch observes a batch up to the stream sequence floor; done is true
// once the floor or the end of the stream is reached.
func (m *Manager) warmBatch(batch jetstream.MessageBatch, floor uint64) (n int, done bool) {
	for msg := range batch.Messages() {
		meta, err := msg.Metadata()
		if err != nil || meta.Sequence.Stream > floor {
			done = true
			continue
		}
		var ev pipeline.Event
		if json.Unmarshal(msg.Data(), &ev) == nil {
			m.observeOnly(&ev.Message)
			n++
		}
		if meta.Sequence.Stream == floor || meta.NumPending == 0 {
			done = true
		}
	}
	return n, done
}

// observeOnly feeds a message to the detector and the recent messages,
// dropping the alerts: they were acted on before the restart.
func (m *Manager) observeOnly(msg *message.Message) {
	m.mu.Lock()
	defer m.mu.Unlock()
	terms := Terms(msg.Text)
	ev := eventOf(msg, terms)
	if b := ev.Time.Truncate(m.bucket); b.After(m.lastBucket) {
		m.lastBucket = b
		m.det.Tick(ev.Time)
	}
	m.det.Observe(ev)
	if ev.Time.After(m.stream) {
		m.stream, m.streamWall = ev.Time, time.Now()
	}
	m.recent.add(seenOf(msg, terms))
}
