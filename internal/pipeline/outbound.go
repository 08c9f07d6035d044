package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Outgoing is a reply to post, with what a network needs to thread it.
type Outgoing struct {
	ReplyID   int64
	Body      string
	InReplyTo message.Message // the message answered, as stored
}

// Sender posts replies on one channel. Send returns the network's id for
// the posted reply. An error wrapping ErrPermanent is not retried.
type Sender interface {
	Send(ctx context.Context, out Outgoing) (remoteID string, err error)
}

// ErrPermanent marks a sending error that retrying cannot fix (a deleted
// post, a refused text, bad credentials).
var ErrPermanent = errors.New("permanent failure")

// Senders maps channel names to their senders.
type Senders struct {
	mu       sync.RWMutex
	byName   map[string]Sender
	fallback Sender
}

// NewSenders returns a registry whose channels without a sender of their own
// use fallback (nil: such replies fail).
func NewSenders(fallback Sender) *Senders {
	return &Senders{byName: map[string]Sender{}, fallback: fallback}
}

// Set registers the sender of a channel.
func (s *Senders) Set(channel string, snd Sender) {
	s.mu.Lock()
	s.byName[channel] = snd
	s.mu.Unlock()
}

func (s *Senders) get(channel string) Sender {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if snd, ok := s.byName[channel]; ok {
		return snd
	}
	return s.fallback
}

// LogSender "posts" replies to the log: the local channel used until a
// network's connector is configured, so the whole flow can run anywhere.
type LogSender struct{ Log *slog.Logger }

// Send writes the reply to the log and gives it a local id.
func (l LogSender) Send(_ context.Context, out Outgoing) (string, error) {
	l.Log.Info("reply posted to the log channel", "reply", out.ReplyID, "to", out.InReplyTo.Key(), "body", out.Body)
	return "log-" + strconv.FormatInt(out.ReplyID, 10), nil
}

// QueueReply puts a queued reply on the outbound stream; the reply id is the
// deduplication id, so queuing twice sends once.
func (b *Bus) QueueReply(ctx context.Context, replyID int64) error {
	id := strconv.FormatInt(replyID, 10)
	if _, err := b.js.Publish(ctx, b.OutboundSubject, []byte(id), jetstream.WithMsgID("reply:"+id)); err != nil {
		return fmt.Errorf("queue reply %d: %w", replyID, busy(err))
	}
	return nil
}

// Outbound posts the replies of the outbound stream through their channel's
// sender, one at a time, recording the network's id before acknowledging.
type Outbound struct {
	bus         *Bus
	store       *store.Store
	senders     *Senders
	log         *slog.Logger
	maxAttempts uint64
}

// NewOutbound wires the sending stage.
func NewOutbound(bus *Bus, st *store.Store, senders *Senders, log *slog.Logger) *Outbound {
	return &Outbound{bus: bus, store: st, senders: senders, log: log, maxAttempts: 8}
}

// Run sends until ctx ends.
func (o *Outbound) Run(ctx context.Context) error {
	cons, err := o.bus.js.CreateOrUpdateConsumer(ctx, o.bus.OutboundStream, jetstream.ConsumerConfig{
		Durable: "sender", AckPolicy: jetstream.AckExplicitPolicy, AckWait: time.Minute, MaxAckPending: 64, MaxDeliver: -1,
	})
	if err != nil {
		return fmt.Errorf("outbound consumer: %w", err)
	}
	it, err := cons.Messages(jetstream.PullMaxMessages(16))
	if err != nil {
		return fmt.Errorf("outbound: %w", err)
	}
	go func() { <-ctx.Done(); it.Stop() }()
	go o.requeue(ctx)
	for {
		msg, err := it.Next()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("outbound: %w", err)
		}
		o.handle(context.WithoutCancel(ctx), msg)
	}
}

// requeue hands again to the stream, every minute, the replies that are
// marked queued but still unsent after a minute: the stream's deduplication
// drops those that were in fact queued, and the sender skips those sent, so
// a hand-over lost in a crash is recovered and nothing is posted twice.
func (o *Outbound) requeue(ctx context.Context) {
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		ids, err := o.store.QueuedReplies(ctx, time.Now().Add(-time.Minute), 500)
		if err != nil && ctx.Err() == nil {
			o.log.Warn("look for replies to queue again", "err", err)
		}
		for _, id := range ids {
			if err := o.bus.QueueReply(ctx, id); err != nil {
				o.log.Warn("queue reply again", "reply", id, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (o *Outbound) handle(ctx context.Context, msg jetstream.Msg) {
	id, err := strconv.ParseInt(string(msg.Data()), 10, 64)
	if err != nil {
		o.deadLetter(ctx, msg, 0, "outbound: not a reply id")
		return
	}
	r, err := o.store.Reply(ctx, id)
	if err != nil {
		o.retry(ctx, msg, id, err)
		return
	}
	if r.Status != store.ReplyQueued { // sent already (a redelivery), or not to send
		msg.Ack()
		return
	}
	parent, err := o.store.Message(ctx, r.MessageID)
	if err != nil {
		o.retry(ctx, msg, id, err)
		return
	}
	o.send(ctx, msg, r, parent)
}

func (o *Outbound) send(ctx context.Context, msg jetstream.Msg, r store.Reply, parent message.Message) {
	snd := o.senders.get(parent.Channel)
	if snd == nil {
		o.fail(ctx, msg, r.ID, "no sender for channel "+parent.Channel)
		return
	}
	remote, err := snd.Send(ctx, Outgoing{ReplyID: r.ID, Body: r.Body, InReplyTo: parent})
	if errors.Is(err, ErrPermanent) {
		o.fail(ctx, msg, r.ID, err.Error())
		return
	}
	if err != nil {
		o.retry(ctx, msg, r.ID, err)
		return
	}
	if err := o.store.MarkReplySent(ctx, r.ID, remote); err != nil {
		// Posted but not recorded: keep the message; the sender sees the
		// remote id on retry only if the network dedupes, so log loudly.
		o.log.Error("reply posted but not recorded as sent", "reply", r.ID, "remote", remote, "err", err)
		msg.NakWithDelay(5 * time.Second)
		return
	}
	msg.Ack()
}

func (o *Outbound) retry(ctx context.Context, msg jetstream.Msg, id int64, err error) {
	meta, _ := msg.Metadata()
	if meta != nil && meta.NumDelivered >= o.maxAttempts {
		o.fail(ctx, msg, id, fmt.Sprintf("not sent after %d attempts: %v", meta.NumDelivered, err))
		return
	}
	o.log.Warn("reply not sent; will retry", "reply", id, "err", err)
	attempt := uint64(1)
	if meta != nil {
		attempt = meta.NumDelivered
	}
	msg.NakWithDelay(time.Duration(1<<min(attempt, 8)) * time.Second)
}

func (o *Outbound) fail(ctx context.Context, msg jetstream.Msg, id int64, reason string) {
	if id != 0 {
		if err := o.store.MarkReplyFailed(ctx, id, reason); err != nil {
			o.log.Error("record failed reply", "reply", id, "err", err)
			msg.NakWithDelay(5 * time.Second)
			return
		}
	}
	o.deadLetter(ctx, msg, id, reason)
}

func (o *Outbound) deadLetter(ctx context.Context, msg jetstream.Msg, id int64, reason string) {
	_, err := o.store.AddDeadLetter(ctx, store.DeadLetter{Subject: msg.Subject(), Key: "reply:" + strconv.FormatInt(id, 10),
		Payload: string(msg.Data()), Reason: reason, Attempts: 1})
	if err != nil {
		o.log.Error("dead letter not stored; reply kept in the stream", "reply", id, "err", err)
		msg.NakWithDelay(5 * time.Second)
		return
	}
	msg.Ack()
}
