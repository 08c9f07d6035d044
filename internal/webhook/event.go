package webhook

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// MessageRouted is the event of a message analysed, routed and stored.
const MessageRouted = "message.routed"

// EventTypes lists the event types a subscription may ask for. The
// incident and reply events are stored by the store in the transaction of
// the change they tell.
var EventTypes = []string{MessageRouted, store.WebhookAssigned, store.WebhookResolved, store.WebhookReplySent,
	store.WebhookIncidentOpened, store.WebhookIncidentClosed}

// CheckEvents returns an error naming the first unknown event type.
func CheckEvents(types []string) error {
	for _, t := range types {
		if !known(t) {
			return fmt.Errorf("%w: unknown event type %q (want one of %v)", store.ErrInvalidWebhook, t, EventTypes)
		}
	}
	return nil
}

func known(t string) bool {
	for _, k := range EventTypes {
		if k == t {
			return true
		}
	}
	return false
}

// Payload is the JSON body of every webhook call.
type Payload struct {
	ID           string           `json:"id"`   // the event's unique id: a receiver may see it twice
	Type         string           `json:"type"` // e.g. "message.routed"
	Thread       string           `json:"thread"`
	OccurredAt   time.Time        `json:"occurred_at"`
	Message      *message.Message `json:"message,omitempty"`      // message.routed
	Reply        json.RawMessage  `json:"reply,omitempty"`        // reply.sent
	Conversation json.RawMessage  `json:"conversation,omitempty"` // conversation.assigned, conversation.resolved
	Incident     json.RawMessage  `json:"incident,omitempty"`     // incident.opened, incident.closed
}

// Routed turns a routed message of the events stream into a webhook event.
func Routed(ev pipeline.Event, now time.Time) (store.WebhookEvent, error) {
	m := ev.Message
	if !m.RoutedAt.IsZero() {
		now = m.RoutedAt
	}
	p := Payload{ID: MessageRouted + ":" + m.Key(), Type: MessageRouted, Thread: threadOf(&m), OccurredAt: now.UTC(), Message: &m}
	body, err := json.Marshal(p)
	if err != nil {
		return store.WebhookEvent{}, fmt.Errorf("webhook payload of %s: %w", m.Key(), err)
	}
	return store.WebhookEvent{Key: p.ID, Type: p.Type, Thread: p.Thread, Payload: body}, nil
}

// threadOf names a message's conversation: its thread, else the message itself.
func threadOf(m *message.Message) string {
	if m.ThreadID != 0 {
		return "thread:" + strconv.FormatInt(m.ThreadID, 10)
	}
	return "message:" + m.Key()
}
