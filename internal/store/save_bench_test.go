package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analyze/rules"
	"github.com/switchboard-crm/switchboard/internal/loadgen"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// BenchmarkSaveMessages measures batched inserts of analysed, routed
// messages (500 a transaction) into SQLite: the store's share of the pipeline.
func BenchmarkSaveMessages(b *testing.B) {
	s := storetest.SQLite(b)
	rt, _ := route.NewRouter(route.Default())
	gen := loadgen.New(1)
	msgs := make([]*message.Message, b.N)
	for i := range msgs {
		m := gen.Next()
		m.ReceivedAt, m.RoutedAt = time.Now(), time.Now()
		m.Analysis = rules.Analyzer{}.Analyze(m)
		m.Decision = rt.Route(m)
		msgs[i] = m
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i += 500 {
		if _, err := s.SaveMessages(ctx, msgs[i:min(i+500, b.N)]); err != nil {
			b.Fatal(err)
		}
	}
}
