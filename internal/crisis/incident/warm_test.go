package incident_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func publishRouted(t *testing.T, bus *pipeline.Bus, msgs []message.Message) {
	t.Helper()
	for _, m := range msgs {
		data, _ := json.Marshal(pipeline.Event{Type: "message.routed", Message: m})
		if _, err := bus.JetStream().Publish(context.Background(), bus.RoutedSubject, data); err != nil {
			t.Fatal(err)
		}
	}
}

// consumeUntilDrained runs a manager on the durable consumer until it has
// acknowledged everything published, then stops it.
func consumeUntilDrained(t *testing.T, bus *pipeline.Bus, m *incident.Manager) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cons, err := incident.NewConsumer(ctx, bus)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- incident.Consume(ctx, cons, m) }()
	defer func() { cancel(); <-done }()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		info, err := cons.Info(ctx)
		if err == nil && info.NumPending == 0 && info.NumAckPending == 0 && info.AckFloor.Stream > 0 {
			return
		}
	}
	t.Fatal("the crisis consumer did not drain")
}

func TestRestartedDetectorIsWarmedFromTheEventsStream(t *testing.T) {
	ctx := context.Background()
	bus, err := pipeline.OpenBus(ctx, pipeline.BusConfig{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer bus.Close()
	st := storetest.SQLite(t)
	msgs, burstAt := synthStream(time.Date(2024, 7, 18, 0, 0, 0, 0, time.UTC))
	split := 0
	for split < len(msgs) && msgs[split].CreatedAt.Before(burstAt) {
		split++
	}
	first, err := incident.NewManager(ctx, st, crisis.DefaultConfig(), nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := incident.NewConsumer(ctx, bus); err != nil { // as App.Open does, before anything is routed
		t.Fatal(err)
	}
	publishRouted(t, bus, msgs[:split])
	consumeUntilDrained(t, bus, first)

	restarted, err := incident.NewManager(ctx, st, crisis.DefaultConfig(), nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	cons, err := incident.NewConsumer(ctx, bus)
	if err != nil {
		t.Fatal(err)
	}
	n, err := incident.Warm(ctx, bus, cons, restarted)
	if err != nil || n != split {
		t.Fatalf("warmed with %d messages (%v), want the %d handled before the restart", n, err, split)
	}
	publishRouted(t, bus, msgs[split:])
	consumeUntilDrained(t, bus, restarted)
	list, err := st.Incidents(ctx, store.IncidentOpen, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("after the restart, the burst opened %d incidents (%v), want 1", len(list), err)
	}
}
