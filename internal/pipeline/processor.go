package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Analyzer understands one message's text. Package analyze provides the
// trained engine; package analyze/rules the word-list first version.
type Analyzer interface {
	Analyze(m *message.Message) message.Analysis
}

// ProcessorConfig tunes the processing stage.
type ProcessorConfig struct {
	Batch       int           // messages per transaction; 0 means 500
	AckWait     time.Duration // redelivery after a crash; 0 means 15s
	MaxAttempts int           // deliveries before a failing message becomes a dead letter; 0 means 5
	// Observe, when set, receives the ingest-to-stored latency of every stored message.
	Observe func(time.Duration)
}

// Processor takes messages from the ingest stream, analyzes, routes and stores
// them, publishes what happened on the events stream, and only then
// acknowledges them: at least once, stored once.
type Processor struct {
	bus      *Bus
	store    *store.Store
	analyzer Analyzer
	router   *route.Router
	metrics  *Metrics
	cfg      ProcessorConfig
	log      *slog.Logger
}

// NewProcessor wires the processing stage.
func NewProcessor(bus *Bus, st *store.Store, an Analyzer, rt *route.Router, m *Metrics, cfg ProcessorConfig, log *slog.Logger) *Processor {
	if cfg.Batch <= 0 {
		cfg.Batch = 500
	}
	if cfg.AckWait <= 0 {
		cfg.AckWait = 15 * time.Second
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 5
	}
	if m == nil {
		m = NewMetrics(nil)
	}
	return &Processor{bus: bus, store: st, analyzer: an, router: rt, metrics: m, cfg: cfg, log: log}
}

// SetAnalyzer replaces the analyzer; call it before Run. A running server
// changes models inside its analyze.Engine (Swap), not here.
func (p *Processor) SetAnalyzer(a Analyzer) { p.analyzer = a }

// item is one message in flight.
type item struct {
	msg      jetstream.Msg
	m        *message.Message
	attempts uint64
	at       time.Time // when it entered the ingest stream
}

// Run processes until ctx ends, then finishes the batch in hand and returns.
// Messages taken but not acknowledged are redelivered to this or another
// process after AckWait.
func (p *Processor) Run(ctx context.Context) error {
	cons, err := p.bus.js.CreateOrUpdateConsumer(ctx, p.bus.IngestStream, jetstream.ConsumerConfig{
		Durable: "processor", AckPolicy: jetstream.AckExplicitPolicy, AckWait: p.cfg.AckWait,
		MaxAckPending: p.cfg.Batch * 8, MaxDeliver: -1,
	})
	if err != nil {
		return fmt.Errorf("ingest consumer: %w", err)
	}
	in := make(chan jetstream.Msg, p.cfg.Batch*2)
	done := make(chan struct{})
	cc, err := cons.Consume(func(m jetstream.Msg) {
		select {
		case in <- m:
		case <-done: // not acknowledged: redelivered later
		}
	}, jetstream.PullMaxMessages(p.cfg.Batch*2))
	if err != nil {
		return fmt.Errorf("consume ingest stream: %w", err)
	}
	defer func() { close(done); cc.Stop() }()
	// Two stages overlap: while one batch is written to the database, the
	// next is analysed and routed. At most two batches wait between them.
	prepared := make(chan []*item, 2)
	go func() {
		defer close(prepared)
		for {
			batch := collect(ctx, in, p.cfg.Batch)
			if len(batch) > 0 {
				p.metrics.Batch.Observe(float64(len(batch)))
				prepared <- p.prepareBatch(context.WithoutCancel(ctx), batch)
			}
			if ctx.Err() != nil {
				return
			}
		}
	}()
	for items := range prepared {
		p.persist(context.WithoutCancel(ctx), items)
	}
	return nil
}

// collect waits for one message, then takes what else is ready, up to max.
func collect(ctx context.Context, in <-chan jetstream.Msg, max int) []jetstream.Msg {
	var batch []jetstream.Msg
	select {
	case m := <-in:
		batch = append(batch, m)
	case <-ctx.Done():
		return nil
	}
	linger := time.NewTimer(2 * time.Millisecond)
	defer linger.Stop()
	for len(batch) < max {
		select {
		case m := <-in:
			batch = append(batch, m)
		case <-linger.C:
			return batch
		}
	}
	return batch
}

// prepareBatch analyzes and routes a batch; what cannot be is dead-lettered.
func (p *Processor) prepareBatch(ctx context.Context, batch []jetstream.Msg) []*item {
	items := make([]*item, 0, len(batch))
	for _, msg := range batch {
		it, err := p.prepare(msg)
		if err != nil {
			p.deadLetter(ctx, it, err.Error())
			continue
		}
		items = append(items, it)
	}
	return items
}

// persist saves a prepared batch in one transaction; if that fails, one by
// one, to find and retry (or dead-letter) only the message at fault.
func (p *Processor) persist(ctx context.Context, items []*item) {
	if len(items) == 0 {
		return
	}
	if p.save(ctx, items) == nil {
		return
	}
	for _, it := range items { // find the message that fails the batch
		if err := p.save(ctx, []*item{it}); err != nil {
			p.retryOrDeadLetter(ctx, it, err)
		}
	}
}

// prepare decodes, analyzes and routes one message; an error is permanent.
func (p *Processor) prepare(msg jetstream.Msg) (it *item, err error) {
	it = &item{msg: msg, attempts: 1, at: time.Now()}
	if meta, merr := msg.Metadata(); merr == nil {
		it.attempts, it.at = meta.NumDelivered, meta.Timestamp
	}
	var m message.Message
	if err := json.Unmarshal(msg.Data(), &m); err != nil {
		return it, fmt.Errorf("undecodable message: %w", err)
	}
	if m.Channel == "" || m.ExternalID == "" {
		return it, errors.New("message without channel or external_id")
	}
	it.m = &m
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("analysis failed: %v", r)
		}
	}()
	m.Analysis = p.analyzer.Analyze(&m)
	// A message its account gave no community gets one by the communities'
	// assignment rules (language, keywords, place), cached in memory, before
	// routing so rules on communities see it.
	if err := p.store.AssignCommunity(context.Background(), &m); err != nil {
		p.log.Warn("community assignment rules not read; message left without a community", "key", m.Key(), "err", err)
	}
	m.Decision = p.router.Route(&m)
	m.RoutedAt = time.Now().UTC()
	return it, nil
}

// save stores items, announces them and acknowledges them.
func (p *Processor) save(ctx context.Context, items []*item) error {
	msgs := make([]*message.Message, len(items))
	for i, it := range items {
		msgs[i] = it.m
	}
	saved, err := p.store.SaveMessages(ctx, msgs)
	if err != nil {
		return err
	}
	p.announce(ctx, items, saved)
	return nil
}

// announce publishes a routed event for each newly stored message (and for a
// redelivered duplicate, whose event may have been lost in a crash; the
// events stream drops the copy), then acknowledges.
func (p *Processor) announce(ctx context.Context, items []*item, saved []store.Saved) {
	futures := make([]jetstream.PubAckFuture, len(items))
	for i, it := range items {
		if saved[i].Duplicate && it.attempts == 1 {
			continue
		}
		futures[i] = p.publishEvent(it.m)
	}
	now := time.Now()
	for i, it := range items {
		if futures[i] != nil {
			if r := await(ctx, futures[i]); r.Err != nil {
				p.log.Warn("routed event not published; will retry", "key", it.m.Key(), "err", r.Err)
				it.msg.NakWithDelay(time.Second)
				p.metrics.Processed.WithLabelValues("retry").Inc()
				continue
			}
		}
		it.msg.Ack()
		p.count(it, saved[i], now)
	}
}

func (p *Processor) publishEvent(m *message.Message) jetstream.PubAckFuture {
	data, _ := json.Marshal(Event{Type: "message.routed", Message: *m})
	f, err := p.bus.js.PublishAsync(p.bus.RoutedSubject, data, jetstream.WithMsgID("routed:"+m.Key()))
	if err != nil {
		p.log.Warn("publish routed event", "key", m.Key(), "err", err)
		return nil
	}
	return f
}

func (p *Processor) count(it *item, s store.Saved, now time.Time) {
	if s.Duplicate {
		p.metrics.Processed.WithLabelValues("duplicate").Inc()
		return
	}
	p.metrics.Processed.WithLabelValues("stored").Inc()
	p.metrics.Routed.WithLabelValues(it.m.Department).Inc()
	lat := now.Sub(it.at)
	p.metrics.Latency.Observe(lat.Seconds())
	if p.cfg.Observe != nil {
		p.cfg.Observe(lat)
	}
}

func (p *Processor) retryOrDeadLetter(ctx context.Context, it *item, err error) {
	if it.attempts >= uint64(p.cfg.MaxAttempts) {
		p.deadLetter(ctx, it, fmt.Sprintf("not stored after %d attempts: %v", it.attempts, err))
		return
	}
	delay := time.Duration(1<<min(it.attempts, 6)) * 100 * time.Millisecond
	p.log.Warn("message not stored; will retry", "key", it.m.Key(), "attempt", it.attempts, "err", err)
	it.msg.NakWithDelay(delay)
	p.metrics.Processed.WithLabelValues("retry").Inc()
}

// deadLetter keeps a message that cannot be processed with its reason, then
// acknowledges it. If even that fails, the message stays in the stream.
func (p *Processor) deadLetter(ctx context.Context, it *item, reason string) {
	key := ""
	if it.m != nil {
		key = it.m.Key()
	}
	_, err := p.store.AddDeadLetter(ctx, store.DeadLetter{
		Subject: it.msg.Subject(), Key: key, Payload: string(it.msg.Data()), Reason: reason, Attempts: int(it.attempts),
	})
	if err != nil {
		p.log.Error("dead letter not stored; message kept in the stream", "reason", reason, "err", err)
		it.msg.NakWithDelay(5 * time.Second)
		return
	}
	p.log.Warn("dead letter", "key", key, "reason", reason)
	it.msg.Ack()
	p.metrics.Processed.WithLabelValues("dead_letter").Inc()
}
