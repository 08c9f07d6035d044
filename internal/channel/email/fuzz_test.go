package email

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func FuzzParseMail(f *testing.F) {
	f.Add([]byte("From: Ana <ana@example.net>\r\nSubject: =?utf-8?q?Colis_perdu?=\r\nMessage-ID: <m1@x>\r\nIn-Reply-To: <m0@x>\r\n\r\nbody\r\n"))
	f.Add([]byte("From: a@b\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n--b--\r\n"))
	f.Add([]byte("From: a@b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\n6Q==\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := parseMail(raw, "fallback", time.Now())
		if err != nil {
			return
		}
		if len(*m.Text) > message.MaxTextBytes || len(m.ExternalID) > message.MaxIDBytes || len(m.InReplyTo) > message.MaxIDBytes {
			t.Fatalf("over the limits: %d text bytes, id %q", len(*m.Text), m.ExternalID)
		}
		_ = utf8.ValidString(*m.Text)
	})
}
