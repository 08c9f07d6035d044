package email

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	_ "github.com/emersion/go-message/charset" // decode the charsets mail uses, not only UTF-8
	"github.com/emersion/go-message/mail"

	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// maxPartBytes bounds the text read from one part.
const maxPartBytes = 1 << 20

// parseMail makes a message of a raw email: its Message-ID is its id,
// In-Reply-To threads it, the text is the subject and the first text part.
func parseMail(raw []byte, fallbackID string, received time.Time) (message.Inbound, error) {
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil && r == nil {
		return message.Inbound{}, fmt.Errorf("email: %w", err)
	}
	defer r.Close()
	h := r.Header
	from, err := h.AddressList("From")
	if err != nil || len(from) == 0 || from[0].Address == "" {
		return message.Inbound{}, errors.New("email without a From address")
	}
	subject, _ := h.Subject()
	body, err := firstText(r)
	if err != nil {
		return message.Inbound{}, err
	}
	text := strings.TrimSpace(strings.TrimSpace(subject) + "\n\n" + body)
	m := message.Inbound{Channel: Channel, ExternalID: messageID(h, fallbackID), Text: channel.Text(text),
		CreatedAt: channel.Time(dateOf(h, received)),
		Author:    &message.InboundAuthor{Handle: channel.Clip(from[0].Address, message.MaxHandleBytes), Name: channel.Clip(from[0].Name, message.MaxNameBytes)}}
	if ids, err := h.MsgIDList("In-Reply-To"); err == nil && len(ids) > 0 && len(ids[0]) <= message.MaxIDBytes {
		m.InReplyTo = ids[0]
	}
	return m, nil
}

func messageID(h mail.Header, fallback string) string {
	id, err := h.MessageID()
	if err != nil || id == "" || len(id) > message.MaxIDBytes {
		return fallback
	}
	return id
}

func dateOf(h mail.Header, received time.Time) time.Time {
	d, err := h.Date()
	if err != nil || d.IsZero() || d.Year() < 1990 || d.After(time.Now().Add(48*time.Hour)) {
		return received
	}
	return d
}

// firstText gives the first text/plain part, or the first text/html part as text.
func firstText(r *mail.Reader) (string, error) {
	var html string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return channel.PlainText(html), nil
		}
		if err != nil {
			if html != "" {
				return channel.PlainText(html), nil
			}
			return "", fmt.Errorf("email body: %w", err)
		}
		inline, ok := p.Header.(*mail.InlineHeader)
		if !ok {
			continue // attachments are not read
		}
		ct, _, _ := inline.ContentType()
		b, _ := io.ReadAll(io.LimitReader(p.Body, maxPartBytes))
		switch {
		case ct == "text/plain" || ct == "":
			return string(b), nil
		case ct == "text/html" && html == "":
			html = string(b)
		}
	}
}
