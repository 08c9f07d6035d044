package api_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// mailSink is a local SMTP server that keeps the data of every mail.
type mailSink struct {
	addr  string
	mu    sync.Mutex
	mails []string
}

func newMailSink(t *testing.T) *mailSink {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	s := &mailSink{addr: ln.Addr().String()}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *mailSink) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	io.WriteString(c, "220 ready\r\n")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
		case cmd == "DATA":
			io.WriteString(c, "354 go on\r\n")
			var data strings.Builder
			for l, err := r.ReadString('\n'); err == nil && l != ".\r\n"; l, err = r.ReadString('\n') {
				data.WriteString(l)
			}
			s.mu.Lock()
			s.mails = append(s.mails, data.String())
			s.mu.Unlock()
			io.WriteString(c, "250 kept\r\n")
		case cmd == "QUIT":
			io.WriteString(c, "221 bye\r\n")
			return
		default:
			io.WriteString(c, "250 ok\r\n")
		}
	}
}

func (s *mailSink) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.mails)
}

// An admin sets a community's weekly report, previews it and sends it now;
// bad settings change nothing; other roles may not.
func TestWeeklyReportThroughTheAPI(t *testing.T) {
	h := newHarness(t)
	h.ingest(`{"channel":"mastodon","external_id":"r1","community":"fr-market","text":"vol annulé, remboursement ?","created_at":"2026-11-23T09:00:00Z","author":{"handle":"@a@b.c"}}`)
	h.waitStored(1)
	path := "/api/v1/communities/fr-market/report-settings"
	lead := h.token("lead", h.user("lea@example.com", "lead", "relation-client"))
	if code := h.do("PUT", path, lead, "application/json", `{"recipients":["dg@example.com"],"weekday":1,"hour":9,"lang":"fr"}`, nil); code != http.StatusForbidden {
		t.Fatalf("lead sets reports: %d, want 403", code)
	}
	var res struct {
		Error      string   `json:"error"`
		Recipients []string `json:"recipients"`
		TimeZone   string   `json:"timezone"`
		Status     string   `json:"status"`
		Enabled    bool     `json:"enabled"`
	}
	for _, bad := range []string{
		`{"recipients":["nope"],"weekday":1,"hour":9,"lang":"fr"}`,
		`{"recipients":["dg@example.com"],"weekday":9,"hour":9,"lang":"fr"}`,
		`{"recipients":["dg@example.com"],"weekday":1,"lang":"fr"}`,
		`{"recipients":["dg@example.com"],"weekday":1,"hour":9,"lang":"fr","timezone":"Nowhere/Land"}`,
	} {
		if code := h.do("PUT", path, h.admin, "application/json", bad, &res); code != 400 || res.Error == "" {
			t.Errorf("%s: %d %+v, want 400", bad, code, res)
		}
	}
	if code := h.do("GET", path, h.admin, "", "", nil); code != http.StatusNotFound {
		t.Fatalf("settings after refusals: %d, want 404", code)
	}
	if code := h.do("PUT", "/api/v1/communities/nowhere/report-settings", h.admin, "application/json", `{"recipients":["dg@example.com"],"weekday":1,"hour":9,"lang":"fr"}`, nil); code != 404 {
		t.Fatalf("unknown community: %d, want 404", code)
	}
	good := `{"recipients":["Direction <dg@example.com>"],"weekday":1,"hour":9,"timezone":"Europe/Paris","lang":"fr"}`
	if code := h.do("PUT", path, h.admin, "application/json", good, &res); code != 200 || res.Recipients[0] != "dg@example.com" || !res.Enabled {
		t.Fatalf("put settings: %d %+v", code, res)
	}
	req, _ := http.NewRequest("GET", h.url+"/api/v1/communities/fr-market/report/preview?lang=en", nil)
	req.Header.Set("Authorization", "Bearer "+h.admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(string(html), "Weekly report of the fr-market community") || resp.Header.Get("Content-Security-Policy") == "" {
		t.Fatalf("preview: %d %s\n%s", resp.StatusCode, resp.Header, html)
	}
	t.Setenv("SWITCHBOARD_SMTP_ADDR", "")
	if code := h.do("POST", "/api/v1/communities/fr-market/report/send", h.admin, "", "", &res); code != 503 || !strings.Contains(res.Error, "SMTP") {
		t.Fatalf("send without a mail server: %d %+v, want 503", code, res)
	}
	sink := newMailSink(t)
	t.Setenv("SWITCHBOARD_SMTP_ADDR", sink.addr)
	t.Setenv("SWITCHBOARD_SMTP_FROM", "switchboard@example.com")
	if code := h.do("POST", "/api/v1/communities/fr-market/report/send", h.admin, "", "", &res); code != 200 || res.Status != "sent" || sink.count() != 1 {
		t.Fatalf("send now: %d %+v, %d mails", code, res, sink.count())
	}
	var list struct{ Items []map[string]any }
	if code := h.do("GET", "/api/v1/communities/fr-market/reports", h.admin, "", "", &list); code != 200 || len(list.Items) != 2 {
		t.Fatalf("reports: %d %+v, want the failed and the sent one", code, list)
	}
}
