package report

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// SMTPFromEnv is the mail server of the reports: SWITCHBOARD_SMTP_ADDR,
// _FROM, _USERNAME and _PASSWORD when the address is set, else the smtp
// section of the crisis policy file (SWITCHBOARD_CRISIS_POLICY), else none.
func SMTPFromEnv() (incident.SMTP, error) {
	if addr := os.Getenv("SWITCHBOARD_SMTP_ADDR"); addr != "" {
		return incident.SMTP{Addr: addr, From: os.Getenv("SWITCHBOARD_SMTP_FROM"),
			Username: os.Getenv("SWITCHBOARD_SMTP_USERNAME"), Password: os.Getenv("SWITCHBOARD_SMTP_PASSWORD")}, nil
	}
	if path := os.Getenv("SWITCHBOARD_CRISIS_POLICY"); path != "" {
		p, err := incident.LoadPolicy(path)
		if err != nil {
			return incident.SMTP{}, fmt.Errorf("reports' mail server: %w", err)
		}
		return p.SMTP, nil
	}
	return incident.SMTP{}, nil
}

// FromEnv makes the report service of a store with the mail server of the
// environment and SWITCHBOARD_BASE_URL for the link to the dashboard.
func FromEnv(st *store.Store, log *slog.Logger) (*Service, error) {
	c, err := SMTPFromEnv()
	if err != nil {
		return nil, err
	}
	return &Service{Store: st, Figures: analytics.Service{Store: st}, SMTP: c, BaseURL: os.Getenv("SWITCHBOARD_BASE_URL"), Log: log}, nil
}
