package incident_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/mail/mailtest"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// mailTexts gives each mail the server kept as its recipients, then its data.
func mailTexts(s *mailtest.Server) []string {
	var out []string
	for _, m := range s.Mails() {
		out = append(out, strings.Join(m.Rcpt, " ")+"\n"+m.Data)
	}
	return out
}

// hookSink receives webhook calls and checks their signature.
type hookSink struct {
	mu    sync.Mutex
	calls []map[string]any
	bad   []error
}

func (h *hookSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	err := incident.Verify("s3cret", r.Header.Get(incident.HeaderTimestamp), r.Header.Get(incident.HeaderSignature), body, time.Now(), time.Hour)
	if err != nil {
		h.bad = append(h.bad, err)
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var v map[string]any
	json.Unmarshal(body, &v)
	h.calls = append(h.calls, v)
}

func TestEscalationNotifiesThenHigherUpUntilAcknowledged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		mail := mailtest.Start(t)
		hooks := &hookSink{}
		srv := httptest.NewServer(hooks)
		defer srv.Close()
		clock := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		e := &incident.Escalator{Store: st, Log: quiet, Now: func() time.Time { return clock }, Policy: incident.Policy{
			Severities: map[incident.Severity]incident.Step{incident.Low: {}, incident.Medium: {}, incident.Critical: {}, incident.High: {
				Channels:  []string{incident.ChannelApp, incident.ChannelEmail, incident.ChannelWebhook},
				AckWithin: route.Duration(15 * time.Minute)}},
			Levels: []incident.Level{{Name: "dg", Emails: []string{"dg@example.com"}},
				{Name: "ceo", Emails: []string{"ceo@example.com", "board@example.com"}}},
			SMTP:    incident.SMTP{Addr: mail.Addr, From: "crisis@example.com"},
			Webhook: incident.Webhook{URL: srv.URL, Secret: "s3cret"},
		}}
		if err := e.Policy.Validate(); err != nil {
			t.Fatal(err)
		}
		in := openTestIncident(t, st, "high")
		check := func(wantLevel, wantMails, wantHooks int) {
			t.Helper()
			if err := e.Check(ctx); err != nil {
				t.Fatal(err)
			}
			got, _ := st.Incident(ctx, in.ID)
			if got.EscalationLevel != wantLevel || len(mailTexts(mail)) != wantMails || len(hooks.calls) != wantHooks || len(hooks.bad) > 0 {
				t.Fatalf("at %v: level %d, %d mails, %d webhook calls (bad %v); want %d, %d, %d",
					clock, got.EscalationLevel, len(mailTexts(mail)), len(hooks.calls), hooks.bad, wantLevel, wantMails, wantHooks)
			}
		}
		check(1, 1, 1) // opened: level 1 at once
		if m := mailTexts(mail)[0]; !strings.Contains(m, "dg@example.com") || !strings.Contains(m, "incident") {
			t.Fatalf("first mail: %q", m)
		}
		clock = clock.Add(14 * time.Minute)
		check(1, 1, 1) // not yet due
		clock = clock.Add(2 * time.Minute)
		check(2, 2, 2) // nobody acknowledged: higher up
		if m := mailTexts(mail)[1]; !strings.Contains(m, "ceo@example.com") || !strings.Contains(m, "board@example.com") {
			t.Fatalf("second mail: %q", m)
		}
		clock = clock.Add(time.Hour)
		check(2, 2, 2) // no level above
		notes, err := st.Notifications(ctx, in.ID, 0)
		if err != nil || len(notes) != 6 {
			t.Fatalf("%d notifications (%v), want 6 (app, email, webhook at two levels)", len(notes), err)
		}
	})
}

func TestAcknowledgeStopsEscalation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := time.Now()
		e := &incident.Escalator{Store: st, Log: quiet, Now: func() time.Time { return clock }, Policy: incident.DefaultPolicy()}
		in := openTestIncident(t, st, "critical")
		if err := e.Check(ctx); err != nil {
			t.Fatal(err)
		}
		if err := st.AcknowledgeIncident(ctx, store.Actor{Name: "user:dg"}, in.ID); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Hour)
		if err := e.Check(ctx); err != nil {
			t.Fatal(err)
		}
		got, _ := st.Incident(ctx, in.ID)
		notes, _ := st.Notifications(ctx, in.ID, 0)
		if got.EscalationLevel != 1 || len(notes) != 1 || notes[0].Channel != "app" || got.AcknowledgedBy != "user:dg" {
			t.Fatalf("after acknowledgement: level %d, notifications %+v, acknowledged by %q", got.EscalationLevel, notes, got.AcknowledgedBy)
		}
	})
}

func TestPolicyRefusesChannelsWithoutSettings(t *testing.T) {
	p := incident.DefaultPolicy()
	p.Severities[incident.High] = incident.Step{Channels: []string{incident.ChannelEmail}}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "smtp") {
		t.Fatalf("email without SMTP settings: %v", err)
	}
	p = incident.DefaultPolicy()
	p.Severities["severe"] = incident.Step{}
	if err := p.Validate(); err == nil {
		t.Fatal("unknown severity accepted")
	}
}

func openTestIncident(t *testing.T, st *store.Store, severity string) store.Incident {
	t.Helper()
	in, err := st.OpenIncident(context.Background(), store.Actor{Name: "test"}, store.NewIncident{
		Community: "fibre", Severity: severity, Title: "Burst: panne", Terms: []string{"panne"},
		Alerts: json.RawMessage(`[]`), StartedAt: time.Now(),
		Rule: openRule,
	})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestWebhookSignatureRefusesTamperingAndOldCalls(t *testing.T) {
	body, now := []byte(`{"type":"incident.escalated"}`), time.Now()
	ts := now.Unix()
	sig := incident.Sign("k", ts, body)
	tsh := strconv.FormatInt(ts, 10)
	if err := incident.Verify("k", tsh, sig, body, now, time.Minute); err != nil {
		t.Fatal(err)
	}
	if incident.Verify("k", tsh, sig, []byte(`{"type":"other"}`), now, time.Minute) == nil {
		t.Fatal("tampered body accepted")
	}
	if incident.Verify("other", tsh, sig, body, now, time.Minute) == nil {
		t.Fatal("wrong secret accepted")
	}
	if incident.Verify("k", tsh, sig, body, now.Add(10*time.Minute), time.Minute) == nil {
		t.Fatal("old call accepted")
	}
}

func TestRisingSeverityEscalatesAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		clock := time.Now()
		e := &incident.Escalator{Store: st, Log: quiet, Now: func() time.Time { return clock }, Policy: incident.DefaultPolicy()}
		in := openTestIncident(t, st, "medium")
		if err := e.Check(ctx); err != nil {
			t.Fatal(err)
		}
		clock = clock.Add(time.Minute) // well before medium's 30 min
		if err := st.JoinIncident(ctx, in.ID, store.IncidentUpdate{Severity: "medium", Title: in.Title, Terms: in.Terms, Alerts: json.RawMessage(`[]`), Rule: openRule}); err != nil {
			t.Fatal(err)
		}
		if err := e.Check(ctx); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.Incident(ctx, in.ID); got.EscalationLevel != 1 {
			t.Fatalf("same severity escalated: level %d", got.EscalationLevel)
		}
		if err := st.JoinIncident(ctx, in.ID, store.IncidentUpdate{Severity: "high", Title: in.Title, Terms: in.Terms, Alerts: json.RawMessage(`[]`), Rule: openRule}); err != nil {
			t.Fatal(err)
		}
		if err := e.Check(ctx); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.Incident(ctx, in.ID); got.EscalationLevel != 2 || got.Severity != "high" {
			t.Fatalf("after the rise to high: level %d, severity %s; want level 2", got.EscalationLevel, got.Severity)
		}
	})
}

var openRule = route.Rule{When: route.Conditions{Keywords: []string{"panne"}}, Then: route.Actions{Department: incident.CrisisDepartment, RequireApproval: true}}

func TestLoadPolicyRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", "severities:\n  low: {channels: [app]}\n  medium: {channels: [app]}\n  critical: {channels: [app]}\n  high: {channels: [app, webhook], ack_within: 10m}\nlevels:\n  - {name: dg}\nwebhook: {url: \"https://erp.example.com/h\", secret: s}\n")
	p, err := incident.LoadPolicy(good)
	if err != nil || time.Duration(p.Severities[incident.High].AckWithin) != 10*time.Minute {
		t.Fatalf("good policy: %+v, %v", p, err)
	}
	for name, body := range map[string]string{
		"typo.yaml":     "levels:\n  - {name: dg, emials: [a@b.c]}\n",
		"nolevels.yaml": "severities:\n  low: {channels: [app]}\n",
		"badack.yaml":   "severities:\n  low: {channels: [app], ack_within: soon}\nlevels:\n  - {name: dg}\n",
		"nosecret.yaml": "severities:\n  low: {channels: [webhook]}\nlevels:\n  - {name: dg}\nwebhook: {url: \"https://x\"}\n",
		"badchan.yaml":  "severities:\n  low: {channels: [sms]}\nlevels:\n  - {name: dg}\n",
	} {
		if _, err := incident.LoadPolicy(write(name, body)); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
}
