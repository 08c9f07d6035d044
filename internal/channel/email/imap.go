package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// maxMailBytes bounds what is fetched of one email.
const maxMailBytes = 4 << 20

// cursor is the mailbox's UIDVALIDITY and the last UID handed over.
type cursor struct {
	validity uint32
	uid      imap.UID
}

func parseCursor(s string) cursor {
	v, u, _ := strings.Cut(s, ":")
	validity, _ := strconv.ParseUint(v, 10, 32)
	uid, _ := strconv.ParseUint(u, 10, 32)
	return cursor{uint32(validity), imap.UID(uid)}
}

func (c cursor) String() string { return fmt.Sprintf("%d:%d", c.validity, c.uid) }

// session is one IMAP connection with its new-mail signal.
type session struct {
	client  *imapclient.Client
	arrived chan struct{}
}

// Run logs in, selects the mailbox, reads what arrived since the cursor,
// then waits in IDLE and reads again on each new mail, until ctx ends.
func (c *Connector) Run(ctx context.Context, sink channel.Sink) error {
	s, err := c.dial()
	if err != nil {
		return err
	}
	defer s.client.Close()
	stop := context.AfterFunc(ctx, func() { s.client.Close() })
	defer stop()
	cur, err := c.open(s, parseCursor(sink.Cursor()))
	if err != nil {
		return err
	}
	sink.Connected()
	for {
		if cur, err = c.fetchNew(ctx, s, sink, cur); err != nil {
			return c.ended(ctx, err)
		}
		if err := c.wait(ctx, s); err != nil {
			return c.ended(ctx, err)
		}
	}
}

func (c *Connector) ended(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	return err
}

func (c *Connector) dial() (*session, error) {
	s := &session{arrived: make(chan struct{}, 1)}
	opts := &imapclient.Options{
		TLSConfig: &tls.Config{ServerName: hostOf(c.cfg.IMAP)},
		UnilateralDataHandler: &imapclient.UnilateralDataHandler{Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				select {
				case s.arrived <- struct{}{}:
				default:
				}
			}
		}},
	}
	var err error
	switch c.cfg.IMAPTLS {
	case "tls":
		s.client, err = imapclient.DialTLS(c.cfg.IMAP, opts)
	case "starttls":
		s.client, err = imapclient.DialStartTLS(c.cfg.IMAP, opts)
	default:
		s.client, err = imapclient.DialInsecure(c.cfg.IMAP, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("imap %s: %w", c.cfg.IMAP, err)
	}
	if err := s.client.Login(c.cfg.Username, c.password).Wait(); err != nil {
		s.client.Close()
		return nil, fmt.Errorf("%w: imap login as %s: %v", channel.ErrCredentials, c.cfg.Username, err)
	}
	return s, nil
}

// open selects the mailbox; a new UIDVALIDITY starts the cursor over
// (dedupe by Message-ID absorbs what was seen already).
func (c *Connector) open(s *session, cur cursor) (cursor, error) {
	data, err := s.client.Select(c.cfg.Mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return cur, fmt.Errorf("imap select %s: %w", c.cfg.Mailbox, err)
	}
	if data.UIDValidity != cur.validity {
		cur = cursor{validity: data.UIDValidity}
	}
	return cur, nil
}

// fetchNew reads the mail after the cursor's UID, in UID order.
func (c *Connector) fetchNew(ctx context.Context, s *session, sink channel.Sink, cur cursor) (cursor, error) {
	var set imap.UIDSet
	set.AddRange(cur.uid+1, 0) // 0 is "*"
	section := &imap.FetchItemBodySection{Peek: true, Partial: &imap.SectionPartial{Offset: 0, Size: maxMailBytes}}
	msgs, err := s.client.Fetch(set, &imap.FetchOptions{UID: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return cur, fmt.Errorf("imap fetch: %w", err)
	}
	for _, m := range msgs {
		if m.UID <= cur.uid { // "n:*" always returns the last mail
			continue
		}
		if err := c.handOver(ctx, sink, cur, m, section); err != nil {
			return cur, err
		}
		cur.uid = m.UID
		if err := sink.SaveCursor(ctx, cur.String()); err != nil {
			return cur, err
		}
	}
	return cur, nil
}

func (c *Connector) handOver(ctx context.Context, sink channel.Sink, cur cursor, m *imapclient.FetchMessageBuffer, section *imap.FetchItemBodySection) error {
	raw := m.FindBodySection(section)
	fallback := fmt.Sprintf("imap:%s:%d:%d", c.cfg.Username, cur.validity, m.UID)
	msg, err := parseMail(raw, fallback, m.InternalDate)
	if err != nil {
		return sink.DeadLetter(ctx, raw, err.Error())
	}
	return sink.Publish(ctx, []channel.Event{{Raw: raw, Msg: msg}})
}

// wait idles until new mail arrives, the idle period ends or ctx ends.
func (c *Connector) wait(ctx context.Context, s *session) error {
	idle, err := s.client.Idle()
	if err != nil {
		return fmt.Errorf("imap idle: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- idle.Wait() }()
	timer := time.NewTimer(c.idle)
	defer timer.Stop()
	select {
	case err := <-done: // the server ended IDLE or the connection dropped
		if err == nil {
			err = errors.New("imap idle ended by the server")
		}
		return fmt.Errorf("imap idle: %w", err)
	case <-s.arrived:
	case <-timer.C:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := idle.Close(); err != nil {
		return fmt.Errorf("imap idle: %w", err)
	}
	return <-done
}

func hostOf(addr string) string {
	h, _, _ := strings.Cut(addr, ":")
	return h
}
