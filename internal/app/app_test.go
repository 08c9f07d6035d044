package app_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/app"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func natsURL(t *testing.T) string {
	url := os.Getenv("SWITCHBOARD_TEST_NATS_URL")
	if url == "" {
		url = "nats://127.0.0.1:4222"
	}
	nc, err := nats.Connect(url, nats.Timeout(2*time.Second))
	if err != nil {
		if os.Getenv("SWITCHBOARD_REQUIRE_NATS") == "1" {
			t.Fatalf("NATS at %s is required (SWITCHBOARD_REQUIRE_NATS=1): %v", url, err)
		}
		t.Skipf("skipping the external NATS run: no server at %s (%v); set SWITCHBOARD_TEST_NATS_URL", url, err)
	}
	nc.Close()
	return url
}

// TestScaleMode runs two Switchboard processes on the real PostgreSQL and an
// external NATS JetStream: they share the work, and every message is stored once.
func TestScaleMode(t *testing.T) {
	url := natsURL(t)
	db := storetest.PostgresSchemaURL(t)
	b := make([]byte, 4)
	rand.Read(b)
	ns := "test_" + hex.EncodeToString(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var apps []*app.App
	for i := 0; i < 2; i++ {
		a, err := app.Open(ctx, app.Options{DataDir: t.TempDir(), DatabaseURL: db, NATSURL: url, Namespace: ns, Log: log,
			Processor: pipeline.ProcessorConfig{Batch: 100}})
		if err != nil {
			t.Fatal(err)
		}
		apps = append(apps, a)
		wg.Add(1)
		go func() { defer wg.Done(); a.Run(ctx) }()
	}
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		js := apps[0].Bus.JetStream()
		js.DeleteStream(context.Background(), apps[0].Bus.IngestStream)
		js.DeleteStream(context.Background(), apps[0].Bus.EventsStream)
		for _, a := range apps {
			a.Close()
		}
	})
	const n = 2000
	msgs := make([]*message.Message, n)
	for i := range msgs {
		msgs[i] = &message.Message{Channel: "bluesky", ExternalID: fmt.Sprint(i), Text: "Mon colis est perdu, remboursement svp",
			CreatedAt: time.Now().UTC(), Author: message.Author{Handle: fmt.Sprintf("u%d.bsky.social", i%50)}}
	}
	for _, r := range apps[0].Bus.Publish(ctx, msgs) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, _ := apps[1].Store.CountMessages(ctx)
		if got == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("stored %d of %d", got, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	assertBothWorked(t, apps[0].Bus.JetStream(), apps[0].Bus.IngestStream)

	// A model retrained by one process is in use in the other at once.
	if _, err := apps[0].TrainRouting(ctx, store.Actor{Name: "test"}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); apps[1].Engine.Version() != apps[0].Engine.Version(); {
		if time.Now().After(deadline) {
			t.Fatalf("second process serves %s, first %s", apps[1].Engine.Version(), apps[0].Engine.Version())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// assertBothWorked checks the durable consumer delivered everything; the
// split between processes is up to the server and not asserted.
func assertBothWorked(t *testing.T, js jetstream.JetStream, stream string) {
	t.Helper()
	c, err := js.Consumer(context.Background(), stream, "processor")
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.NumPending != 0 {
		t.Fatalf("%d messages left unprocessed", info.NumPending)
	}
}
