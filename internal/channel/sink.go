package channel

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// maxDeadPayload bounds the raw payload kept with a dead letter.
const maxDeadPayload = 256 << 10

// sink is the Sink of one running account: it publishes through the bus's
// intake (validation, dedupe against the store and the stream) and keeps the
// account's state in the store.
type sink struct {
	sup *Supervisor
	acc Account

	mu          sync.Mutex
	state       store.AccountState
	connectedAt time.Time
	flushed     time.Time
}

func newSink(sup *Supervisor, acc Account, st store.AccountState) *sink {
	return &sink{sup: sup, acc: acc, state: st}
}

// Publish validates and publishes events; refused ones become dead letters.
func (s *sink) Publish(ctx context.Context, events []Event) error {
	if len(events) == 0 {
		return nil
	}
	lines := make([]message.Line, len(events))
	for i, ev := range events {
		if ev.Msg.Community == "" {
			ev.Msg.Community = s.acc.Community
		}
		data, err := json.Marshal(ev.Msg)
		if err != nil {
			return fmt.Errorf("encode event: %w", err)
		}
		lines[i] = message.Line{N: i + 1, Data: data}
	}
	res := s.sup.bus.Intake(ctx, s.sup.store, lines)
	if len(res.Retry) > 0 {
		return fmt.Errorf("publish: %w", pipeline.ErrBusy)
	}
	for _, r := range res.Rejected {
		if strings.HasPrefix(r.Error, "not accepted: ") { // the bus or the store failed, not the event
			return errors.New("publish: " + r.Error)
		}
		if err := s.DeadLetter(ctx, events[r.Line-1].Raw, "invalid message: "+r.Error); err != nil {
			return err
		}
	}
	s.seen(events)
	s.flush(ctx)
	return nil
}

// flush writes the state (last event, lag) at most once a second, for
// connectors that publish without moving a cursor (webhooks).
func (s *sink) flush(ctx context.Context) {
	s.mu.Lock()
	if time.Since(s.flushed) < time.Second {
		s.mu.Unlock()
		return
	}
	s.flushed = time.Now()
	st := s.state
	s.mu.Unlock()
	if err := s.sup.store.SaveAccountState(ctx, st); err != nil {
		s.sup.log.Warn("save account state", "account", s.acc.ID, "err", err)
	}
}

// seen records the newest event's time as last event and its lag.
func (s *sink) seen(events []Event) {
	var newest time.Time
	for _, ev := range events {
		if t, err := time.Parse(time.RFC3339Nano, ev.Msg.CreatedAt); err == nil && t.After(newest) {
			newest = t
		}
	}
	now := time.Now().UTC()
	s.mu.Lock()
	s.state.LastEventAt = now
	if !newest.IsZero() {
		s.state.LagMillis = max(now.Sub(newest).Milliseconds(), 0)
	}
	s.mu.Unlock()
}

// Cursor is the persisted position.
func (s *sink) Cursor() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.Cursor
}

// SaveCursor persists the position (with the rest of the state).
func (s *sink) SaveCursor(ctx context.Context, cursor string) error {
	s.mu.Lock()
	s.state.Cursor = cursor
	st := s.state
	s.mu.Unlock()
	return s.sup.store.SaveAccountState(ctx, st)
}

// DeadLetter keeps a payload the connector could not use.
func (s *sink) DeadLetter(ctx context.Context, raw []byte, reason string) error {
	s.sup.log.Warn("channel event refused", "kind", s.acc.Kind, "account", s.acc.ID, "reason", reason)
	_, err := s.sup.store.AddDeadLetter(ctx, store.DeadLetter{
		Subject: "channel." + s.acc.Kind, Key: "account:" + strconv.FormatInt(s.acc.ID, 10),
		Payload: Clip(string(raw), maxDeadPayload), Reason: Clip(reason, 4096), Attempts: 1,
	})
	if err != nil {
		return fmt.Errorf("dead letter: %w", err)
	}
	return nil
}

// Connected marks the account connected.
func (s *sink) Connected() {
	s.mu.Lock()
	s.connectedAt = time.Now()
	s.mu.Unlock()
	s.setStatus("connected", "")
}

// setStatus records a status and, when not empty, the last error.
func (s *sink) setStatus(status, lastErr string) {
	s.mu.Lock()
	s.state.Status = status
	if lastErr != "" {
		s.state.LastError = Clip(lastErr, 2048)
	}
	st := s.state
	s.mu.Unlock()
	if err := s.sup.store.SaveAccountState(context.Background(), st); err != nil {
		s.sup.log.Error("save account state", "account", s.acc.ID, "err", err)
	}
}

// upFor says how long the last connection has been up (0 if it never was).
func (s *sink) upFor() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.connectedAt.IsZero() {
		return 0
	}
	d := time.Since(s.connectedAt)
	s.connectedAt = time.Time{}
	return d
}
