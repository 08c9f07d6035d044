package email_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/channel/email"
	"github.com/switchboard-crm/switchboard/internal/store"
)

const (
	box      = "support@acme.example"
	password = "secret"
)

// tracked is a listener that can drop every connection it accepted.
type tracked struct {
	net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func (l *tracked) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.mu.Lock()
		l.conns = append(l.conns, c)
		l.mu.Unlock()
	}
	return c, err
}

func (l *tracked) dropAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.conns {
		c.Close()
	}
	l.conns = nil
}

// imapServer runs go-imap's in-memory IMAP server with one mailbox.
func imapServer(t *testing.T) *tracked {
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(box, password)
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       nopLogger{},
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &tracked{Listener: ln}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l
}

type nopLogger struct{}

func (nopLogger) Printf(string, ...any) {}

// deliver appends a raw mail to INBOX, as a mail server would.
func deliver(t *testing.T, addr, raw string) {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(box, password).Wait(); err != nil {
		t.Fatal(err)
	}
	raw = strings.ReplaceAll(raw, "\n", "\r\n")
	cmd := c.Append("INBOX", int64(len(raw)), nil)
	cmd.Write([]byte(raw))
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	c.Logout().Wait()
}

func mailText(id, from, subject, extra, body string) string {
	return "From: " + from + "\nTo: " + box + "\nSubject: " + subject + "\nDate: Mon, 23 Nov 2026 09:30:00 +0100\nMessage-ID: <" + id + ">\n" + extra +
		"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n"
}

func account(imapAddr, smtpAddr, pw string) channel.AccountInput {
	cfg, _ := json.Marshal(map[string]any{"imap": imapAddr, "imap_tls": "none", "smtp": smtpAddr, "smtp_tls": "none"})
	return channel.AccountInput{Kind: "email", Handle: box, Config: cfg, Secrets: map[string]string{"password": pw}}
}

func TestIdleResumeDedupeAndDeadLetters(t *testing.T) {
	l := imapServer(t)
	addr := l.Addr().String()
	deliver(t, addr, mailText("m1@example.net", "Ana Martin <ana@example.net>", "Colis perdu", "", "Mon colis n'est jamais arrivé."))
	e := channeltest.New(t, email.Kind())
	acc := e.Add(t, account(addr, "", password))
	e.Start(t)
	first := e.WaitIngested(t, 1)[0]
	if first.ExternalID != "m1@example.net" || first.Text != "Colis perdu\n\nMon colis n'est jamais arrivé." ||
		first.Author.Handle != "ana@example.net" || first.Author.Name != "Ana Martin" || first.CreatedAt.Hour() != 8 {
		t.Fatalf("first mail %+v", first)
	}
	e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "connected" })

	// New mail wakes IDLE; a Latin-1 quoted-printable reply is decoded.
	latin := "From: ana@example.net\nSubject: Re: Colis perdu\nMessage-ID: <m2@example.net>\nIn-Reply-To: <m1@example.net>\n" +
		"References: <m1@example.net>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nToujours rien, c'est d=E9cevant.\n"
	deliver(t, addr, latin)
	second := e.WaitIngested(t, 2)[1]
	if second.InReplyTo != "m1@example.net" || !strings.Contains(second.Text, "c'est décevant") {
		t.Fatalf("second mail %+v", second)
	}

	// The connection drops; what arrives meanwhile is read on reconnection,
	// a redelivered copy is not doubled, a mail without From is a dead letter.
	l.dropAll()
	deliver(t, addr, mailText("m3@example.net", "bob@example.org", "Facture", "", "Double prélèvement"))
	deliver(t, addr, latin)
	deliver(t, addr, "Subject: no sender\nMessage-ID: <junk@x>\n\nbody\n")
	e.WaitIngested(t, 3)
	channeltest.Eventually(t, func() bool { return len(e.DeadLetters(t)) == 1 }, "dead letters %d", func() []any { return []any{len(e.DeadLetters(t))} })
	st := e.WaitState(t, acc.ID, func(s store.AccountState) bool { return strings.HasSuffix(s.Cursor, ":5") })
	if got := channeltest.Keys(e.Ingested(t)); !slices.Equal(got, []string{"m1@example.net", "m2@example.net", "m3@example.net"}) {
		t.Fatalf("ingested %v (state %+v)", got, st)
	}
	if dl := e.DeadLetters(t)[0]; !strings.Contains(dl.Reason, "From") || !strings.Contains(dl.Payload, "no sender") {
		t.Fatalf("dead letter %+v", dl)
	}
}

func TestWrongPassword(t *testing.T) {
	l := imapServer(t)
	e := channeltest.New(t, email.Kind())
	acc := e.Add(t, account(l.Addr().String(), "", "wrong"))
	e.Start(t)
	st := e.WaitState(t, acc.ID, func(s store.AccountState) bool { return s.Status == "failed" })
	if !strings.Contains(st.LastError, "credentials refused") {
		t.Fatalf("state %+v", st)
	}
}

// smtpServer is a local SMTP listener that keeps what it receives.
type smtpServer struct {
	ln   net.Listener
	mu   sync.Mutex
	mail []string
	rcpt []string
}

func newSMTP(t *testing.T) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return s
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(line string) { fmt.Fprint(c, line+"\r\n") }
	say("220 mx.acme.example ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250-mx.acme.example\r\n250 AUTH PLAIN")
		case strings.HasPrefix(cmd, "AUTH PLAIN"):
			say("235 2.7.0 Authentication successful")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			say("250 OK")
		case strings.HasPrefix(cmd, "RCPT TO"):
			s.mu.Lock()
			s.rcpt = append(s.rcpt, strings.TrimSpace(line))
			s.mu.Unlock()
			say("250 OK")
		case cmd == "DATA":
			say("354 End data with <CR><LF>.<CR><LF>")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil || l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			s.mu.Lock()
			s.mail = append(s.mail, b.String())
			s.mu.Unlock()
			say("250 OK queued")
		case cmd == "QUIT":
			say("221 Bye")
			return
		default:
			say("250 OK")
		}
	}
}

func TestReplyThreadedBySMTP(t *testing.T) {
	l := imapServer(t)
	s := newSMTP(t)
	deliver(t, l.Addr().String(), mailText("m2@example.net", "Ana <ana@example.net>", "Re: Colis perdu", "In-Reply-To: <m1@example.net>\n", "Toujours rien"))
	e := channeltest.New(t, email.Kind())
	e.Add(t, account(l.Addr().String(), s.ln.Addr().String(), password))
	e.Start(t)
	e.StartPipeline(t)
	m := e.WaitStored(t, "email", "m2@example.net")
	r := e.Reply(t, m, "Bonjour Ana,\nnous renvoyons votre colis.")
	if r.Status != store.ReplySent || !strings.HasPrefix(r.ExternalID, "switchboard-reply-") {
		t.Fatalf("reply %+v", r)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.mail) != 1 || len(s.rcpt) != 1 || !strings.Contains(s.rcpt[0], "ana@example.net") {
		t.Fatalf("smtp got %d mails to %v", len(s.mail), s.rcpt)
	}
	msg, err := mail.ReadMessage(strings.NewReader(s.mail[0]))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	if h.Get("In-Reply-To") != "<m2@example.net>" || h.Get("References") != "<m1@example.net> <m2@example.net>" ||
		h.Get("Subject") != "Re: Colis perdu" || h.Get("Message-ID") != "<"+r.ExternalID+">" || !strings.Contains(h.Get("From"), box) {
		t.Fatalf("headers %v", h)
	}
}
