package incident

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// Escalator notifies general management of open incidents that nobody has
// acknowledged: the first level when an incident opens, the next one each
// time its severity's ack_within passes without acknowledgement.
type Escalator struct {
	Store  *store.Store
	Policy Policy
	Log    *slog.Logger
	Now    func() time.Time // nil: time.Now; tests pass a fake clock
	Client *http.Client     // nil: http.DefaultClient
	// BaseURL is the server's address, for links in notices.
	BaseURL string
}

// Run checks every 15 s until ctx ends.
func (e *Escalator) Run(ctx context.Context) {
	t := time.NewTicker(15 * time.Second)
	defer t.Stop()
	for {
		if err := e.Check(ctx); err != nil && ctx.Err() == nil {
			e.Log.Error("crisis escalation", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Check notifies every incident due.
func (e *Escalator) Check(ctx context.Context) error {
	now := e.now()
	due, err := e.Store.DueEscalations(ctx, now)
	if err != nil {
		return err
	}
	for _, in := range due {
		if err := e.escalate(ctx, in, now); err != nil {
			return err
		}
	}
	return nil
}

func (e *Escalator) escalate(ctx context.Context, in store.Incident, now time.Time) error {
	level := in.EscalationLevel + 1
	step := e.Policy.Severities[Severity(in.Severity)]
	if level > len(e.Policy.Levels) {
		_, err := e.Store.ClaimEscalation(ctx, in.ID, in.EscalationLevel, in.EscalationLevel, time.Time{})
		return err
	}
	var next time.Time
	if step.AckWithin > 0 && level < len(e.Policy.Levels) {
		next = now.Add(time.Duration(step.AckWithin))
	}
	ok, err := e.Store.ClaimEscalation(ctx, in.ID, in.EscalationLevel, level, next)
	if err != nil || !ok {
		return err
	}
	sent := e.notify(ctx, in, level, step.Channels, now)
	return e.Store.AddNotifications(ctx, in.ID, level, sent)
}

// notify sends the notices of one level; a failed one is recorded with its error.
func (e *Escalator) notify(ctx context.Context, in store.Incident, level int, channels []string, now time.Time) []store.Notification {
	lv := e.Policy.Levels[level-1]
	subject := fmt.Sprintf("[crisis %s] incident %d: %s", in.Severity, in.ID, in.Title)
	var out []store.Notification
	for _, c := range channels {
		n := store.Notification{Channel: c, Subject: subject, Status: "sent"}
		var err error
		switch c {
		case ChannelApp:
			n.Recipient = lv.Name
		case ChannelEmail:
			if len(lv.Emails) == 0 {
				continue
			}
			n.Recipient = strings.Join(lv.Emails, ", ")
			err = sendEmail(ctx, e.Policy.SMTP, lv.Emails, subject, e.body(in, level, lv), now)
		case ChannelWebhook:
			n.Recipient = e.Policy.Webhook.URL
			err = postWebhook(ctx, e.client(), e.Policy.Webhook, e.payload(in, level, lv, now))
		}
		if err != nil {
			n.Status, n.Error = "failed", err.Error()
			e.Log.Warn("crisis notice failed", "incident", in.ID, "channel", c, "err", err)
		}
		out = append(out, n)
	}
	return out
}

func (e *Escalator) body(in store.Incident, level int, lv Level) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Incident %d (%s severity), level %d notice for %s.\n\n", in.ID, in.Severity, level, lv.Name)
	fmt.Fprintf(&b, "%s\nCommunity: %s\nTerms: %s\nStarted: %s\n", in.Title, in.Community, strings.Join(in.Terms, ", "), in.StartedAt.Format(time.RFC3339))
	if e.BaseURL != "" {
		fmt.Fprintf(&b, "\nCrisis room: %s/crisis/%d\n", strings.TrimSuffix(e.BaseURL, "/"), in.ID)
	}
	b.WriteString("\nAcknowledge it in the crisis room to stop the escalation.\n")
	return b.String()
}

// webhookPayload is the JSON body of a webhook notice.
type webhookPayload struct {
	Type     string         `json:"type"` // "incident.escalated"
	Level    int            `json:"level"`
	To       string         `json:"to"`
	SentAt   time.Time      `json:"sent_at"`
	Incident store.Incident `json:"incident"`
}

func (e *Escalator) payload(in store.Incident, level int, lv Level, now time.Time) []byte {
	raw, _ := json.Marshal(webhookPayload{Type: "incident.escalated", Level: level, To: lv.Name, SentAt: now.UTC(), Incident: in})
	return raw
}

func (e *Escalator) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *Escalator) client() *http.Client {
	if e.Client != nil {
		return e.Client
	}
	return http.DefaultClient
}
