package ui_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/mail/mailtest"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestReportSendNowThroughAMailServer(t *testing.T) {
	h := reportHarness(t)
	srv := mailtest.Start(t)
	t.Setenv("SWITCHBOARD_SMTP_ADDR", srv.Addr)
	t.Setenv("SWITCHBOARD_SMTP_FROM", "switchboard@example.com")
	b := h.browser()
	b.signIn("root@example.com")
	b.c.Get(h.url + "/lang/fr?next=/")
	b.get("/communities/fr-market/report")
	if resp, _ := b.post("/communities/fr-market/report", goodReportForm()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	resp, body := b.post("/communities/fr-market/report/send", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/communities/fr-market/report?done=sent" {
		t.Fatalf("send now: %d\n%s", resp.StatusCode, body)
	}
	if got := srv.Mails(); len(got) != 1 || strings.Join(got[0].Rcpt, " ") != "dg@example.com cm@example.com" {
		t.Fatalf("mails received: %v", got)
	}
	_, body = b.get("/communities/fr-market/report?done=sent")
	if !strings.Contains(body, "Rapport envoyé.") || !strings.Contains(body, `<span class="tag">envoyé</span>`) {
		t.Errorf("the page does not say the report was sent:\n%s", body)
	}
	// A server that refuses: 502, the reason on the page, a failed report recorded.
	srv.Refuse(true)
	resp, body = b.post("/communities/fr-market/report/send", nil)
	if resp.StatusCode != http.StatusBadGateway || !strings.Contains(body, "L&#39;envoi a échoué") || !strings.Contains(body, "550 &#34;mailbox unavailable") {
		t.Errorf("send now refused: %d\n%s", resp.StatusCode, body)
	}
	sent, err := h.app.Store.SentReports(context.Background(), "fr-market", 10)
	if err != nil || len(sent) != 2 || sent[0].Status != store.ReportFailed || sent[1].Status != store.ReportSent {
		t.Errorf("reports recorded: %+v, %v", sent, err)
	}
}
