package incident

import (
	"fmt"
	"mime"
	"net/smtp"
	"strings"
	"time"
)

// sendEmail sends one plain-text notice to recipients through the policy's
// SMTP server (PLAIN authentication when a user name is set).
func sendEmail(c SMTP, to []string, subject, body string, now time.Time) error {
	var auth smtp.Auth
	if c.Username != "" {
		host := c.Addr
		if i := strings.LastIndex(host, ":"); i >= 0 {
			host = host[:i]
		}
		auth = smtp.PlainAuth("", c.Username, c.Password, host)
	}
	if err := smtp.SendMail(c.Addr, auth, c.From, to, emailBytes(c.From, to, subject, body, now)); err != nil {
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
