package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/mail"
)

// ErrNoSMTP is returned when a report must be sent and no mail server is set.
var ErrNoSMTP = errors.New("no SMTP server: set smtp in the SWITCHBOARD_CRISIS_POLICY file, or SWITCHBOARD_SMTP_ADDR and SWITCHBOARD_SMTP_FROM")

// Mail is one e-mail: a subject, a plain-text and an HTML body.
type Mail struct {
	Subject, Text, HTML string
}

// send sends m to recipients through the server c, as the crisis notices do
// (PLAIN authentication when a user name is set), as multipart/alternative,
// giving up when ctx ends or after mail.Timeout (well under Retry: a server
// that stops answering neither holds the scheduler, and the shutdown waiting
// for it, nor lets a second process send the report again while the first
// still might).
func send(ctx context.Context, c incident.SMTP, to []string, m Mail, now time.Time) error {
	if c.Addr == "" || c.From == "" {
		return ErrNoSMTP
	}
	raw, err := mailBytes(c.From, to, m, now)
	if err != nil {
		return err
	}
	if err := mail.Send(ctx, c.Addr, mail.PlainAuth(c.Addr, c.Username, c.Password), c.From, to, raw); err != nil {
		return fmt.Errorf("report to %s: %w", strings.Join(to, ", "), err)
	}
	return nil
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
