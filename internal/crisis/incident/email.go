package incident

import (
	"context"
	"fmt"
	"mime"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/mail"
)

// sendEmail sends one plain-text notice to recipients through the policy's
// SMTP server (PLAIN authentication when a user name is set), giving up when
// ctx ends or after mail.Timeout: a server that stops answering must not hold
// the escalation of the other incidents.
func sendEmail(ctx context.Context, c SMTP, to []string, subject, body string, now time.Time) error {
	auth := mail.PlainAuth(c.Addr, c.Username, c.Password)
	if err := mail.Send(ctx, c.Addr, auth, c.From, to, emailBytes(c.From, to, subject, body, now)); err != nil {
		return fmt.Errorf("email to %s: %w", strings.Join(to, ", "), err)
	}
	return nil
}

func emailBytes(from string, to []string, subject, body string, now time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n", from, strings.Join(to, ", "),
		mime.QEncoding.Encode("utf-8", subject), now.Format(time.RFC1123Z))
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(body, "\n", "\r\n"))
	return []byte(b.String())
}
