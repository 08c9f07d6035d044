package report

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// ErrInvalid is wrapped by the errors of refused settings or requests.
var ErrInvalid = errors.New("invalid report settings")

// MaxRecipients bounds the recipients of one report.
const MaxRecipients = 50

// Check reports the first problem of settings, normalising the recipients
// to bare addresses.
func Check(rs *store.ReportSettings) error {
	if len(rs.Recipients) == 0 || len(rs.Recipients) > MaxRecipients {
		return fmt.Errorf("%w: recipients: give 1 to %d e-mail addresses", ErrInvalid, MaxRecipients)
	}
	for i, r := range rs.Recipients {
		a, err := mail.ParseAddress(strings.TrimSpace(r))
		if err != nil || strings.ContainsAny(a.Address, ",\r\n") {
			return fmt.Errorf("%w: recipient %q: not an e-mail address", ErrInvalid, r)
		}
		rs.Recipients[i] = a.Address
	}
	switch {
	case rs.Weekday < 0 || rs.Weekday > 6:
		return fmt.Errorf("%w: weekday %d: want 0 (Sunday) to 6 (Saturday)", ErrInvalid, rs.Weekday)
	case rs.Hour < 0 || rs.Hour > 23:
		return fmt.Errorf("%w: hour %d: want 0 to 23", ErrInvalid, rs.Hour)
	case rs.Lang != "fr" && rs.Lang != "en":
		return fmt.Errorf("%w: lang %q: want fr or en", ErrInvalid, rs.Lang)
	}
	if rs.TimeZone == "" {
		rs.TimeZone = "UTC"
	}
	if _, err := time.LoadLocation(rs.TimeZone); err != nil {
		return fmt.Errorf("%w: timezone %q: want an IANA name such as Europe/Paris", ErrInvalid, rs.TimeZone)
	}
	return nil
}

// Grace is how long after its due time a report is still sent (a server
// down longer skips that week's report).
const Grace = 24 * time.Hour

// Due returns the latest time at or before now when the report of rs falls
// due (its weekday and hour in its time zone), and whether it is still
// within Grace of now.
func Due(rs store.ReportSettings, now time.Time) (time.Time, bool) {
	loc, err := time.LoadLocation(rs.TimeZone)
	if err != nil {
		return time.Time{}, false
	}
	t := now.In(loc)
	for d := 0; d <= 7; d++ {
		day := t.AddDate(0, 0, -d)
		due := time.Date(day.Year(), day.Month(), day.Day(), rs.Hour, 0, 0, 0, loc)
		if int(due.Weekday()) == rs.Weekday && !due.After(now) {
			return due, now.Sub(due) < Grace
		}
	}
	return time.Time{}, false
}
