package mail_test

import (
	"bufio"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/mail"
)

// listen runs serve on every connection to a local port until the test ends.
func listen(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() { defer wg.Done(); defer c.Close(); serve(c) }()
		}
	}()
	return ln.Addr().String()
}

// TestSendGivesUpOnASilentServer: a server that accepts and never answers
// holds Send only until its context ends.
func TestSendGivesUpOnASilentServer(t *testing.T) {
	addr := listen(t, func(c net.Conn) { c.SetDeadline(time.Now().Add(5 * time.Second)); c.Read(make([]byte, 1)) })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	began := time.Now()
	err := mail.Send(ctx, addr, nil, "sb@example.com", []string{"dg@example.com"}, []byte("Subject: x\r\n\r\nbody"))
	if err == nil {
		t.Fatal("a silent server: no error")
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Fatalf("Send held %v by a silent server, want about the context's 300 ms", took)
	}
}

// TestSendDelivers speaks the server side of one SMTP conversation and
// checks the envelope and the message reach it.
func TestSendDelivers(t *testing.T) {
	got := make(chan string, 1)
	addr := listen(t, func(c net.Conn) {
		r := bufio.NewReader(c)
		say := func(s string) { c.Write([]byte(s + "\r\n")) }
		say("220 test ESMTP")
		var b strings.Builder
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			cmd := strings.ToUpper(strings.TrimSpace(line))
			switch {
			case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
				say("250 test")
			case strings.HasPrefix(cmd, "MAIL"), strings.HasPrefix(cmd, "RCPT"):
				b.WriteString(strings.TrimSpace(line) + "\n")
				say("250 ok")
			case cmd == "DATA":
				say("354 go on")
				for {
					l, err := r.ReadString('\n')
					if err != nil || l == ".\r\n" {
						break
					}
					b.WriteString(l)
				}
				say("250 queued")
			case cmd == "QUIT":
				say("221 bye")
				got <- b.String()
				return
			default:
				say("502 no")
			}
		}
	})
	err := mail.Send(context.Background(), addr, nil, "sb@example.com", []string{"dg@example.com"}, []byte("Subject: Crise\r\n\r\nBonjour"))
	if err != nil {
		t.Fatal(err)
	}
	s := <-got
	for _, want := range []string{"MAIL FROM:<sb@example.com>", "RCPT TO:<dg@example.com>", "Subject: Crise", "Bonjour"} {
		if !strings.Contains(s, want) {
			t.Errorf("the server got %q, missing %q", s, want)
		}
	}
}
