package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/analyze/rules"
	"github.com/switchboard-crm/switchboard/internal/loadgen"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func benchMessages(n int) []*message.Message {
	rt, _ := route.NewRouter(route.Default())
	gen := loadgen.New(1)
	msgs := make([]*message.Message, n)
	for i := range msgs {
		m := gen.Next()
		m.ReceivedAt, m.RoutedAt = time.Now(), time.Now()
		m.Analysis = rules.Analyzer{}.Analyze(m)
		m.Decision = rt.Route(m)
		msgs[i] = m
	}
	return msgs
}

func saveAll(b *testing.B, s *store.Store, msgs []*message.Message) {
	ctx := context.Background()
	for i := 0; i < len(msgs); i += 500 {
		if _, err := s.SaveMessages(ctx, msgs[i:min(i+500, len(msgs))]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveWithRollupWorker is BenchmarkSaveMessages with the rollup
// worker following the messages as the server runs it (a step, then a pause
// of a second when caught up), sharing SQLite's one writer: what the rollups
// cost ingest. The worker catches up after the timer stops.
func BenchmarkSaveWithRollupWorker(b *testing.B) {
	s := storetest.SQLite(b)
	msgs := benchMessages(b.N)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { (&analytics.Worker{Store: s}).Run(ctx); close(done) }()
	b.ResetTimer()
	saveAll(b, s, msgs)
	b.StopTimer()
	cancel()
	<-done
	if err := (&analytics.Worker{Store: s, GapWait: -1}).CatchUp(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRollupWorker measures the worker alone catching up on messages
// already stored: the time per message it adds to the rollups.
func BenchmarkRollupWorker(b *testing.B) {
	s := storetest.SQLite(b)
	saveAll(b, s, benchMessages(b.N))
	b.ResetTimer()
	if err := (&analytics.Worker{Store: s, GapWait: -1}).CatchUp(context.Background()); err != nil {
		b.Fatal(err)
	}
}
