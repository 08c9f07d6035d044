package pipeline

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// flaky fails its first call, then posts.
type flaky struct {
	mu    sync.Mutex
	calls int
	sent  []int64
}

func (f *flaky) Send(_ context.Context, out Outgoing) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if out.Body == "refused" {
		return "", errors.Join(ErrPermanent, errors.New("the network refused the text"))
	}
	if f.calls == 1 {
		return "", errors.New("connection reset")
	}
	f.sent = append(f.sent, out.ReplyID)
	return "remote-" + out.InReplyTo.ExternalID, nil
}

func TestOutboundSendsOnceAndRecords(t *testing.T) {
	e := open(t, t.TempDir(), BusConfig{})
	e.start()
	ctx := context.Background()
	e.bus.Publish(ctx, batch(0, 1))
	waitCount(t, e.store, 1)
	m, _ := e.store.MessageByKey(ctx, "mastodon", "0")
	snd := &flaky{}
	senders := NewSenders(nil)
	senders.Set("mastodon", snd)
	out := NewOutbound(e.bus, e.store, senders, quiet)
	octx, stop := context.WithCancel(ctx)
	defer stop()
	go out.Run(octx)

	a := store.Actor{Name: "test"}
	ok, _ := e.store.CreateReply(ctx, a, m.ID, "Bonjour, nous regardons.", false)
	bad, _ := e.store.CreateReply(ctx, a, m.ID, "refused", false)
	for _, id := range []int64{ok.ID, ok.ID, bad.ID} { // queued twice: sent once
		if err := e.bus.QueueReply(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	r := waitReply(t, e.store, ok.ID, store.ReplySent)
	if r.ExternalID != "remote-0" {
		t.Fatalf("sent reply = %+v", r)
	}
	waitReply(t, e.store, bad.ID, store.ReplyFailed)
	// A redelivery of a sent reply (a new id, past the dedupe window) is not posted again.
	e.bus.js.Publish(ctx, e.bus.OutboundSubject, []byte("1"))
	time.Sleep(300 * time.Millisecond)
	snd.mu.Lock()
	defer snd.mu.Unlock()
	if len(snd.sent) != 1 {
		t.Fatalf("posted %d times, want once", len(snd.sent))
	}
	dl, _ := e.store.DeadLetters(ctx, 0, 10)
	if len(dl) != 1 || dl[0].Key != "reply:2" {
		t.Fatalf("dead letters = %+v", dl)
	}
}

func waitReply(t *testing.T, s *store.Store, id int64, status string) store.Reply {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		r, err := s.Reply(context.Background(), id)
		if err == nil && r.Status == status {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("reply %d: %+v %v, want %s", id, r, err, status)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestLostHandOverIsRecovered: a reply marked queued but never put on the
// stream (a crash in between) is found and sent.
func TestLostHandOverIsRecovered(t *testing.T) {
	e := open(t, t.TempDir(), BusConfig{})
	e.start()
	ctx := context.Background()
	e.bus.Publish(ctx, batch(0, 1))
	waitCount(t, e.store, 1)
	m, _ := e.store.MessageByKey(ctx, "mastodon", "0")
	r, _ := e.store.CreateReply(ctx, store.Actor{Name: "test"}, m.ID, "Bonjour", false)
	// Never queued. Made to look a minute old, the way a crash leaves it.
	e.store.DB().Exec(`UPDATE replies SET created_at = created_at - 120000000 WHERE id = ?`, r.ID)
	snd := &flaky{calls: 1} // posts at once
	senders := NewSenders(nil)
	senders.Set("mastodon", snd)
	octx, stop := context.WithCancel(ctx)
	defer stop()
	go NewOutbound(e.bus, e.store, senders, quiet).Run(octx)
	waitReply(t, e.store, r.ID, store.ReplySent)
}
