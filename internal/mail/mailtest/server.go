// Package mailtest runs local SMTP servers for tests: Start keeps every mail
// it is sent (or refuses the recipients while told to), Silent accepts
// connections and never answers, as a server behind a dead link, and Closed
// is a server that is down.
package mailtest

import (
	"bufio"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Mail is one mail a Server kept: its sender and recipients (without <>)
// and its data, dot-unstuffed.
type Mail struct {
	From string
	Rcpt []string
	Data string
}

// Server is a local SMTP server that keeps the mails it is sent.
type Server struct {
	Addr   string // host:port to send to
	refuse atomic.Bool
	mu     sync.Mutex
	mails  []Mail
}

// Start runs a Server until the test ends.
func Start(t testing.TB) *Server {
	s := &Server{}
	s.Addr = listen(t, s.serve)
	return s
}

// Refuse makes the server refuse (550) or accept every recipient.
func (s *Server) Refuse(on bool) { s.refuse.Store(on) }

// Mails returns the mails kept so far, oldest first.
func (s *Server) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

// Silent runs a server that accepts connections and never answers, until the
// test ends, and returns its address.
func Silent(t testing.TB) string {
	return listen(t, func(c net.Conn) { io.Copy(io.Discard, c) })
}

// Closed returns the address of a local port nothing listens on any more:
// a mail server that is down.
func Closed(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// listen serves every connection to a local port with serve until the test
// ends, when the listener and the open connections are closed.
func listen(t testing.TB, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			go func() { defer c.Close(); serve(c) }()
		}
	}()
	return ln.Addr().String()
}

func (s *Server) serve(c net.Conn) {
	r := bufio.NewReader(c)
	say := func(line string) { io.WriteString(c, line+"\r\n") }
	say("220 mailtest ready")
	var from string
	var rcpt []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 mailtest")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			from = strings.Trim(strings.Fields(strings.TrimSpace(line[10:]) + " ")[0], "<>")
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:") && s.refuse.Load():
			say("550 mailbox unavailable")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			rcpt = append(rcpt, strings.Trim(strings.TrimSpace(line[8:]), "<>"))
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			s.keep(Mail{From: from, Rcpt: rcpt, Data: readData(r)})
			from, rcpt = "", nil
			say("250 kept")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

// readData reads a mail's data up to the lone dot, dot-unstuffed.
func readData(r *bufio.Reader) string {
	var data strings.Builder
	for {
		l, err := r.ReadString('\n')
		if err != nil || l == ".\r\n" {
			return data.String()
		}
		data.WriteString(strings.TrimPrefix(l, "."))
	}
}

func (s *Server) keep(m Mail) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mails = append(s.mails, m)
}
