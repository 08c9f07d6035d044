package ui

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
)

// slaView is a message's SLA countdown as the pages show it.
type slaView struct {
	route.SLAState
}

var clocks sync.Map // business hours key → route.Clock

// clockFor gives (and keeps) the clock of a department's business hours.
func clockFor(b route.BusinessHours) (route.Clock, error) {
	key := b.Timezone + "|" + strings.Join(b.Days, ",") + "|" + b.Start + "|" + b.End
	if c, ok := clocks.Load(key); ok {
		return c.(route.Clock), nil
	}
	c, err := route.NewClock(b)
	if err != nil {
		return c, err
	}
	clocks.Store(key, c)
	return c, nil
}

// slaOf computes the countdown of m in its department at now.
func slaOf(deps map[string]route.Department, m *message.Message, now time.Time) slaView {
	d, ok := deps[m.Department]
	if !ok {
		return slaView{}
	}
	clock, err := clockFor(d.BusinessHours)
	if err != nil {
		return slaView{}
	}
	start := m.ReceivedAt
	if start.IsZero() {
		start = m.CreatedAt
	}
	return slaView{d.SLAAt(clock, m.Status, start, now)}
}

// Label is the countdown as people read it: "2 h 05", "late by 15 min".
func (v slaView) Label(lang string) string {
	left := v.Left
	prefix := ""
	if left < 0 {
		left, prefix = -left, translate(lang, "sla.late")+" "
	}
	h, m := int(left.Hours()), int(left.Minutes())%60
	if h == 0 {
		return fmt.Sprintf("%s%d min", prefix, m)
	}
	return fmt.Sprintf("%s%d h %02d", prefix, h, m)
}

func departmentMap(r *route.Router) map[string]route.Department {
	out := map[string]route.Department{}
	for _, d := range r.Config().Departments {
		out[d.Slug] = d
	}
	return out
}
