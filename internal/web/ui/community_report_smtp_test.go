package ui_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// mailServer is a local SMTP server that keeps the recipients of each mail,
// or refuses every recipient while refuse is set.
type mailServer struct {
	refuse atomic.Bool
	mu     sync.Mutex
	rcpts  [][]string
}

func newMailServer(t *testing.T) (*mailServer, string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	s := &mailServer{}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s, ln.Addr().String()
}

func (s *mailServer) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(line string) { io.WriteString(c, line+"\r\n") }
	say("220 test ready")
	var rcpt []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "RCPT TO:") && s.refuse.Load():
			say("550 mailbox unavailable")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			rcpt = append(rcpt, strings.Trim(strings.TrimSpace(line[8:]), "<>"))
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			for {
				if l, err := r.ReadString('\n'); err != nil || l == ".\r\n" {
					break
				}
			}
			s.mu.Lock()
			s.rcpts = append(s.rcpts, rcpt)
			s.mu.Unlock()
			rcpt = nil
			say("250 kept")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (s *mailServer) mails() [][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]string(nil), s.rcpts...)
}

func TestReportSendNowThroughAMailServer(t *testing.T) {
	h := reportHarness(t)
	srv, addr := newMailServer(t)
	t.Setenv("SWITCHBOARD_SMTP_ADDR", addr)
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
	if got := srv.mails(); len(got) != 1 || strings.Join(got[0], " ") != "dg@example.com cm@example.com" {
		t.Fatalf("mails received: %v", got)
	}
	_, body = b.get("/communities/fr-market/report?done=sent")
	if !strings.Contains(body, "Rapport envoyé.") || !strings.Contains(body, `<span class="tag">envoyé</span>`) {
		t.Errorf("the page does not say the report was sent:\n%s", body)
	}
	// A server that refuses: 502, the reason on the page, a failed report recorded.
	srv.refuse.Store(true)
	resp, body = b.post("/communities/fr-market/report/send", nil)
	if resp.StatusCode != http.StatusBadGateway || !strings.Contains(body, "L&#39;envoi a échoué") || !strings.Contains(body, "550 &#34;mailbox unavailable") {
		t.Errorf("send now refused: %d\n%s", resp.StatusCode, body)
	}
	sent, err := h.app.Store.SentReports(context.Background(), "fr-market", 10)
	if err != nil || len(sent) != 2 || sent[0].Status != store.ReportFailed || sent[1].Status != store.ReportSent {
		t.Errorf("reports recorded: %+v, %v", sent, err)
	}
}
