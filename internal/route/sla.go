package route

import (
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// SLAState is where a message stands against its department's running SLA
// target: the first response while it is new, the resolution while it is
// open or waiting, none once resolved.
type SLAState struct {
	Kind   string        // "first_response" or "resolution"; empty when no target runs
	Target time.Duration // the target, in working time
	Due    time.Time
	Left   time.Duration // working time left; negative once late
	State  string        // "ok", "soon" (a quarter of the target left, or less) or "late"
}

// SLAAt computes the state at now of a message of this department with this
// status, received at since, counting working time with clock.
func (d Department) SLAAt(clock Clock, st message.Status, since, now time.Time) SLAState {
	if st == message.StatusResolved {
		return SLAState{}
	}
	kind, target := "first_response", time.Duration(d.SLA.FirstResponse)
	if st != message.StatusNew {
		kind, target = "resolution", time.Duration(d.SLA.Resolution)
	}
	if target <= 0 {
		return SLAState{}
	}
	s := SLAState{Kind: kind, Target: target, Due: clock.Add(since, target), State: "ok"}
	if now.After(s.Due) {
		s.State, s.Left = "late", -clock.Working(s.Due, now)
		return s
	}
	s.Left = clock.Working(now, s.Due)
	if s.Left*4 <= target {
		s.State = "soon"
	}
	return s
}
