// Package email connects a department mailbox: IMAP with IDLE for what
// arrives (new mail is fetched by UID from a persisted cursor, so nothing
// is lost across reconnects), and SMTP for replies, threaded with
// In-Reply-To and References.
package email

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"time"

	"github.com/switchboard-crm/switchboard/internal/channel"
)

// Channel is the message channel of emails.
const Channel = "email"

// Config is a mailbox account.
type Config struct {
	IMAP     string `json:"imap"`               // host:port
	IMAPTLS  string `json:"imap_tls,omitempty"` // tls (default), starttls, none
	Username string `json:"username,omitempty"` // default: the account handle
	Mailbox  string `json:"mailbox,omitempty"`  // default INBOX
	SMTP     string `json:"smtp,omitempty"`     // host:port; empty: no replies
	SMTPTLS  string `json:"smtp_tls,omitempty"` // starttls (default), tls, none
	From     string `json:"from,omitempty"`     // address of replies; default the handle
	// IdleMinutes restarts IDLE this often (servers drop it after 30); default 25.
	IdleMinutes int `json:"idle_minutes,omitempty"`
}

// Kind is the email connector's kind.
func Kind() channel.Kind {
	return channel.Kind{Name: "email", Channels: []string{Channel}, Secrets: []string{"password", "smtp_password"}, New: New}
}

// Connector is one mailbox.
type Connector struct {
	acc      channel.Account
	cfg      Config
	from     *mail.Address
	password string
	smtpPass string
	idle     time.Duration
}

// New checks an account and builds its connector.
func New(acc channel.Account) (channel.Connector, error) {
	var cfg Config
	if err := acc.Decode(&cfg); err != nil {
		return nil, err
	}
	if err := cfg.check(acc.Handle); err != nil {
		return nil, err
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("email from %q: %w", cfg.From, err)
	}
	pw, err := acc.Secret("password")
	if err != nil {
		return nil, err
	}
	c := &Connector{acc: acc, cfg: cfg, from: from, password: pw, smtpPass: acc.Secrets["smtp_password"], idle: time.Duration(cfg.IdleMinutes) * time.Minute}
	if c.smtpPass == "" {
		c.smtpPass = pw
	}
	return c, nil
}

func (cfg *Config) check(handle string) error {
	if _, _, err := net.SplitHostPort(cfg.IMAP); err != nil {
		return errors.New(`email imap: want "host:port"`)
	}
	if cfg.SMTP != "" {
		if _, _, err := net.SplitHostPort(cfg.SMTP); err != nil {
			return errors.New(`email smtp: want "host:port"`)
		}
	}
	defaults := []struct {
		v   *string
		def string
		ok  []string
	}{
		{&cfg.IMAPTLS, "tls", []string{"tls", "starttls", "none"}},
		{&cfg.SMTPTLS, "starttls", []string{"tls", "starttls", "none"}},
	}
	for _, d := range defaults {
		if *d.v == "" {
			*d.v = d.def
		}
		if !contains(d.ok, *d.v) {
			return fmt.Errorf("email tls mode %q: want tls, starttls or none", *d.v)
		}
	}
	if cfg.Username == "" {
		cfg.Username = handle
	}
	if cfg.Mailbox == "" {
		cfg.Mailbox = "INBOX"
	}
	if cfg.From == "" {
		cfg.From = handle
	}
	if cfg.IdleMinutes == 0 {
		cfg.IdleMinutes = 25
	}
	if cfg.IdleMinutes < 1 || cfg.IdleMinutes > 29 {
		return errors.New("email idle_minutes: 1 to 29")
	}
	return nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
