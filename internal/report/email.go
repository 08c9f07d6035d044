package report

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
)

// ErrNoSMTP is returned when a report must be sent and no mail server is set.
var ErrNoSMTP = errors.New("no SMTP server: set smtp in the SWITCHBOARD_CRISIS_POLICY file, or SWITCHBOARD_SMTP_ADDR and SWITCHBOARD_SMTP_FROM")

// Mail is one e-mail: a subject, a plain-text and an HTML body.
type Mail struct {
	Subject, Text, HTML string
}

// MailTimeout bounds one conversation with the mail server, well under
// Retry: a server that stops answering neither holds the scheduler (and the
// shutdown waiting for it) nor lets a second process send the report again
// while the first still might.
const MailTimeout = time.Minute

// send sends m to recipients through the server c, as the crisis notices do
// (PLAIN authentication when a user name is set), as multipart/alternative,
// giving up when ctx ends or after MailTimeout.
func send(ctx context.Context, c incident.SMTP, to []string, m Mail, now time.Time) error {
	if c.Addr == "" || c.From == "" {
		return ErrNoSMTP
	}
	var auth smtp.Auth
	if c.Username != "" {
		host := c.Addr
		if i := strings.LastIndex(host, ":"); i >= 0 {
			host = host[:i]
		}
		auth = smtp.PlainAuth("", c.Username, c.Password, host)
	}
	raw, err := mailBytes(c.From, to, m, now)
	if err != nil {
		return err
	}
	if err := sendMail(ctx, c.Addr, auth, c.From, to, raw); err != nil {
		return fmt.Errorf("report to %s: %w", strings.Join(to, ", "), err)
	}
	return nil
}

// sendMail is smtp.SendMail (STARTTLS when offered, then authentication)
// over a connection that is closed when ctx ends or MailTimeout passes.
func sendMail(ctx context.Context, addr string, auth smtp.Auth, from string, to []string, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, MailTimeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if deadline, ok := ctx.Deadline(); ok {
		conn.SetDeadline(deadline)
	}
	host, _, _ := net.SplitHostPort(addr)
	cl, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer cl.Close()
	if err := cl.Hello("localhost"); err != nil {
		return err
	}
	if ok, _ := cl.Extension("STARTTLS"); ok {
		if err := cl.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return err
		}
	}
	if auth != nil {
		if ok, _ := cl.Extension("AUTH"); !ok {
			return errors.New("smtp: server doesn't support AUTH")
		}
		if err := cl.Auth(auth); err != nil {
			return err
		}
	}
	if err := cl.Mail(from); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := cl.Rcpt(rcpt); err != nil {
			return err
		}
	}
	w, err := cl.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return cl.Quit()
}

// mailBytes writes the message: headers, then a text and an HTML part, both
// quoted-printable so that no line passes SMTP's limit.
func mailBytes(from string, to []string, m Mail, now time.Time) ([]byte, error) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, part := range []struct{ ctype, content string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		pw, err := w.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {part.ctype + "; charset=utf-8"},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, fmt.Errorf("report mail: %w", err)
		}
		qp := quotedprintable.NewWriter(pw)
		qp.Write([]byte(part.content))
		qp.Close()
	}
	w.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", from, strings.Join(to, ", "),
		mime.QEncoding.Encode("utf-8", m.Subject), now.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=%s\r\n\r\n", w.Boundary())
	return append([]byte(b.String()), body.Bytes()...), nil
}
