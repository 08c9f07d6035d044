package route

import (
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

func TestDepartmentSLA(t *testing.T) {
	d := Department{Slug: "rc", Name: "RC", SLA: SLA{FirstResponse: Duration(time.Hour), Resolution: Duration(24 * time.Hour)},
		BusinessHours: BusinessHours{Timezone: "Europe/Paris", Days: []string{"mon", "tue", "wed", "thu", "fri"}, Start: "09:00", End: "18:00"}}
	clock, err := NewClock(d.BusinessHours)
	if err != nil {
		t.Fatal(err)
	}
	recv := paris(t, "2026-11-23 10:00") // a Monday
	cases := []struct {
		st    message.Status
		now   string
		kind  string
		state string
		left  time.Duration
	}{
		{message.StatusNew, "2026-11-23 10:10", "first_response", "ok", 50 * time.Minute},
		{message.StatusNew, "2026-11-23 10:50", "first_response", "soon", 10 * time.Minute},
		{message.StatusNew, "2026-11-23 11:30", "first_response", "late", -30 * time.Minute},
		{message.StatusOpen, "2026-11-23 17:00", "resolution", "ok", 17 * time.Hour},
		{message.StatusWaiting, "2026-11-26 12:00", "resolution", "late", -5 * time.Hour}, // due Wed 16:00; 2 h Wed + 3 h Thu,
		{message.StatusResolved, "2026-11-30 12:00", "", "", 0},
	}
	for _, c := range cases {
		s := d.SLAAt(clock, c.st, recv, paris(t, c.now))
		if s.Kind != c.kind || s.State != c.state || s.Left != c.left {
			t.Errorf("%s at %s: %+v, want %s %s %v", c.st, c.now, s, c.kind, c.state, c.left)
		}
	}
	if s := (Department{}).SLAAt(clock, message.StatusNew, recv, recv); s.Kind != "" {
		t.Errorf("no targets: %+v", s)
	}
}
