package channeltest

import (
	"context"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analyze/rules"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// StartPipeline runs the real processor (analysis, routing, store) and the
// outbound stage with the supervisor's senders, until the test ends. The
// ingest stream is then consumed: read what was stored with WaitStored.
func (e *Env) StartPipeline(t testing.TB) {
	t.Helper()
	rt, err := route.NewRouter(route.Default())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	proc := pipeline.NewProcessor(e.Bus, e.Store, rules.Analyzer{}, rt, nil, pipeline.ProcessorConfig{AckWait: time.Second}, Quiet)
	out := pipeline.NewOutbound(e.Bus, e.Store, e.Senders, Quiet)
	done := make(chan struct{}, 2)
	go func() { proc.Run(ctx); done <- struct{}{} }()
	go func() { out.Run(ctx); done <- struct{}{} }()
	t.Cleanup(func() { cancel(); <-done; <-done })
}

// WaitStored waits until the message is stored and returns it.
func (e *Env) WaitStored(t testing.TB, channel, externalID string) message.Message {
	t.Helper()
	var m message.Message
	var err error
	Eventually(t, func() bool {
		m, err = e.Store.MessageByKey(context.Background(), channel, externalID)
		return err == nil
	}, "message %s:%s not stored: %v", func() []any { return []any{channel, externalID, err} })
	return m
}

// Reply queues an agent's reply to a stored message and waits until the
// outbound stage has sent it or given up.
func (e *Env) Reply(t testing.TB, m message.Message, body string) store.Reply {
	t.Helper()
	ctx := context.Background()
	r, err := e.Store.CreateReply(ctx, store.Actor{Name: "test"}, m.ID, body, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Bus.QueueReply(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	Eventually(t, func() bool {
		r, err = e.Store.Reply(ctx, r.ID)
		return err == nil && (r.Status == store.ReplySent || r.Status == store.ReplyFailed)
	}, "reply %+v not sent: %v", func() []any { return []any{r, err} })
	return r
}
