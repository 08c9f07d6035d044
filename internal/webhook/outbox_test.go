package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
	"github.com/switchboard-crm/switchboard/internal/webhook"
)

// Incidents opened and closed, conversations assigned and resolved and
// replies sent are stored with the change itself and delivered, in order
// per incident and per conversation.
func TestIncidentAndReplyEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		rcv := newReceiver(t, func(n int) string { return map[bool]string{true: "fail", false: "ok"}[n == 1] })
		sub, err := st.CreateWebhookSubscription(ctx, a, store.WebhookSubscription{URL: rcv.srv.URL, Secret: secret, Events: webhook.EventTypes[1:]})
		if err != nil {
			t.Fatal(err)
		}
		m := &message.Message{Channel: "mastodon", ExternalID: "m1", Text: "panne", CreatedAt: time.Now(), ReceivedAt: time.Now(),
			RoutedAt: time.Now(), Author: message.Author{Handle: "@ana@example.social"}, Community: "fr"}
		m.Decision = message.Decision{Department: "support", Priority: message.PriorityNormal, Status: message.StatusNew}
		saved, err := st.SaveMessages(ctx, []*message.Message{m})
		if err != nil {
			t.Fatal(err)
		}
		in, err := st.OpenIncident(ctx, a, store.NewIncident{Community: "fr", Severity: "high", Title: "Burst: panne",
			Terms: []string{"panne"}, Alerts: json.RawMessage(`[]`), StartedAt: time.Now(),
			Rule: route.Rule{When: route.Conditions{Keywords: []string{"panne"}}, Then: route.Actions{Department: "direction-generale"}}})
		if err != nil {
			t.Fatal(err)
		}
		u, err := st.CreateUser(ctx, a, store.User{Email: "ana@example.com", Role: "agent"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Assign(ctx, a, saved[0].ID, u.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.Assign(ctx, a, saved[0].ID, 0); err != nil { // taken back: not an "assigned" event
			t.Fatal(err)
		}
		if err := st.Assign(ctx, a, saved[0].ID+99, u.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown message: %v", err)
		}
		r, err := st.CreateReply(ctx, a, saved[0].ID, "We are on it", false)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.MarkReplySent(ctx, r.ID, "remote-1"); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkReplySent(ctx, r.ID+99, "x"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown reply: %v", err)
		}
		if err := st.CloseIncident(ctx, a, in.ID, "fixed"); err != nil {
			t.Fatal(err)
		}
		if err := st.SetStatus(ctx, a, saved[0].ID, message.StatusOpen); err != nil { // not resolved: no event
			t.Fatal(err)
		}
		if err := st.SetStatus(ctx, a, saved[0].ID, message.StatusResolved); err != nil {
			t.Fatal(err)
		}
		d := &webhook.Deliverer{Store: st, Log: quiet, Backoff: webhook.Backoff{First: time.Millisecond, Max: time.Millisecond, GiveUp: time.Hour}}
		waitFor(t, "5 events", func() bool { d.Once(ctx); return rcv.total() == 5 })
		inc := fmt.Sprintf("incident:%d", in.ID)
		rcv.check(map[string][]string{
			inc: {fmt.Sprintf("incident.opened:%d", in.ID), fmt.Sprintf("incident.closed:%d", in.ID)},
		})
		rcv.mu.Lock()
		defer rcv.mu.Unlock()
		var convo []string
		for th, ids := range rcv.accepted {
			if th != inc {
				if !strings.HasPrefix(th, "thread:") || convo != nil {
					t.Fatalf("conversation events outside their thread: %v", rcv.accepted)
				}
				convo = ids
			}
		}
		want := []string{"conversation.assigned:", fmt.Sprintf("reply.sent:%d", r.ID), "conversation.resolved:"}
		if len(convo) != len(want) {
			t.Fatalf("conversation events %v, want %v", convo, want)
		}
		for i := range want {
			if !strings.HasPrefix(convo[i], want[i]) {
				t.Fatalf("conversation events %v, want %v in order", convo, want)
			}
		}
		if ds, _ := st.WebhookDeliveries(ctx, sub.ID, 0, 100); len(ds) != 5 {
			t.Fatalf("%d deliveries stored, want 5 (none for the unknown reply, the taking back, the reopening)", len(ds))
		}
	})
}
