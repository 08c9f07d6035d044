package email

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/pipeline"
)

// Send mails a reply to the author of the answered email, threaded with
// In-Reply-To and References. Its Message-ID is derived from the reply's
// id: a resent reply carries the same id, which mail clients merge.
func (c *Connector) Send(ctx context.Context, out pipeline.Outgoing) (string, error) {
	if c.cfg.SMTP == "" {
		return "", fmt.Errorf("%w: email account %s has no smtp server: it can read, not reply", pipeline.ErrPermanent, c.acc.Handle)
	}
	to, err := mail.ParseAddress(out.InReplyTo.Author.Handle)
	if err != nil {
		return "", fmt.Errorf("%w: author %q is not an email address", pipeline.ErrPermanent, out.InReplyTo.Author.Handle)
	}
	id := c.replyID(out.ReplyID)
	msg := compose(c.from, to, id, out)
	if err := c.deliver(ctx, to.Address, msg); err != nil {
		return "", smtpError(err)
	}
	return id, nil
}

func (c *Connector) replyID(replyID int64) string {
	_, domain, _ := strings.Cut(c.from.Address, "@")
	return "switchboard-reply-" + strconv.FormatInt(replyID, 10) + "@" + domain
}

// compose writes the reply: headers (encoded, one line each) and a
// quoted-printable UTF-8 text body.
func compose(from, to *mail.Address, id string, out pipeline.Outgoing) []byte {
	parent := out.InReplyTo
	refs := "<" + parent.ExternalID + ">"
	if parent.InReplyTo != "" {
		refs = "<" + parent.InReplyTo + "> " + refs
	}
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, oneLine(v)) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", replySubject(parent.Text)))
	header("Date", time.Now().Format(time.RFC1123Z))
	header("Message-ID", "<"+id+">")
	header("In-Reply-To", "<"+parent.ExternalID+">")
	header("References", refs)
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(out.Body, "\n", "\r\n")))
	qp.Close()
	return b.Bytes()
}

// replySubject is "Re: " and the answered email's subject (its text's first line).
func replySubject(text string) string {
	subject, _, _ := strings.Cut(text, "\n")
	subject = strings.TrimSpace(subject)
	if len(subject) > 200 {
		subject = subject[:200]
	}
	if !strings.HasPrefix(strings.ToLower(subject), "re:") {
		subject = "Re: " + subject
	}
	return subject
}

func oneLine(s string) string { return strings.NewReplacer("\r", " ", "\n", " ").Replace(s) }

// deliver sends one message through the SMTP server.
func (c *Connector) deliver(ctx context.Context, to string, msg []byte) error {
	conn, err := c.dialSMTP(ctx)
	if err != nil {
		return err
	}
	host := hostOf(c.cfg.SMTP)
	cl, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp: %w", err)
	}
	defer cl.Close()
	if c.cfg.SMTPTLS == "starttls" {
		if err := cl.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return fmt.Errorf("smtp starttls: %w", err)
		}
	}
	if ok, _ := cl.Extension("AUTH"); ok && c.smtpPass != "" {
		if err := cl.Auth(smtp.PlainAuth("", c.cfg.Username, c.smtpPass, host)); err != nil {
			return fmt.Errorf("smtp auth: %w", err)
		}
	}
	return send(cl, c.from.Address, to, msg)
}

func send(cl *smtp.Client, from, to string, msg []byte) error {
	if err := cl.Mail(from); err != nil {
		return fmt.Errorf("smtp mail from: %w", err)
	}
	if err := cl.Rcpt(to); err != nil {
		return fmt.Errorf("smtp rcpt to: %w", err)
	}
	w, err := cl.Data()
	if err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp data: %w", err)
	}
	return cl.Quit()
}

func (c *Connector) dialSMTP(ctx context.Context) (net.Conn, error) {
	d := &net.Dialer{Timeout: 30 * time.Second}
	if c.cfg.SMTPTLS == "tls" {
		td := &tls.Dialer{NetDialer: d, Config: &tls.Config{ServerName: hostOf(c.cfg.SMTP)}}
		return td.DialContext(ctx, "tcp", c.cfg.SMTP)
	}
	conn, err := d.DialContext(ctx, "tcp", c.cfg.SMTP)
	if err != nil {
		return nil, fmt.Errorf("smtp %s: %w", c.cfg.SMTP, err)
	}
	return conn, nil
}

// smtpError makes 5xx answers (refused address, refused credentials) permanent.
func smtpError(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return fmt.Errorf("%w: %v", pipeline.ErrPermanent, err)
	}
	return err
}
