package analytics

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// readAudit adds to b the first responses (a reply sent) and resolutions (a
// message set to resolved) found in the audit log past the mark.
func (w *Worker) readAudit(ctx context.Context, b *store.RollupBatch) (int, error) {
	mark, err := w.Store.RollupMark(ctx, markAudit)
	if err != nil {
		return 0, err
	}
	rows, err := w.Store.RollupAuditAfter(ctx, mark, w.batch())
	if err != nil {
		return 0, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	rows = rows[:w.settled(markAudit, mark, ids)]
	for _, r := range rows {
		ev, ok, err := w.slaEvent(ctx, r)
		if err != nil {
			return 0, err
		}
		if ok {
			b.SLA = append(b.SLA, ev)
		}
	}
	if len(rows) > 0 {
		b.Marks[markAudit], b.Was[markAudit] = rows[len(rows)-1].ID, mark
	}
	return len(rows), nil
}

// slaEvent turns an audit entry into a first response or a resolution, timed
// in working time of the message's department.
func (w *Worker) slaEvent(ctx context.Context, r store.RollupAudit) (store.SLAEvent, bool, error) {
	id, err := strconv.ParseInt(r.Target, 10, 64)
	if err != nil {
		return store.SLAEvent{}, false, nil
	}
	var f store.SLAFacts
	var agent int64
	var ok bool
	kind := "first_response"
	switch {
	case r.Action == "reply.sent":
		f, agent, ok, err = w.Store.ReplySLAFacts(ctx, id)
	case r.Action == "message.status" && resolvedIn(r.Details):
		kind = "resolution"
		f, ok, err = w.Store.MessageSLAFacts(ctx, id)
		agent = f.AssigneeID
	default:
		return store.SLAEvent{}, false, nil
	}
	if err != nil || !ok {
		return store.SLAEvent{}, false, err
	}
	d, err := w.dept(ctx, f.Department)
	if err != nil {
		return store.SLAEvent{}, false, err
	}
	worked := d.clock.Working(f.ReceivedAt, r.CreatedAt)
	target := d.first
	if kind == "resolution" {
		target = d.settle
	}
	return store.SLAEvent{MessageID: f.MessageID, Kind: kind, Day: r.CreatedAt.UTC().Truncate(24 * time.Hour),
		CommunityID: f.CommunityID, Department: f.Department, AgentID: agent, Seconds: worked.Seconds(),
		HasTarget: target > 0, OnTime: target > 0 && worked <= target}, true, nil
}

func resolvedIn(details string) bool {
	var v struct {
		Value string `json:"value"`
	}
	return json.Unmarshal([]byte(details), &v) == nil && v.Value == "resolved"
}

// dept returns the SLA clock and targets of a department, read again every
// minute; a department that is gone has no targets and a clock that always runs.
func (w *Worker) dept(ctx context.Context, slug string) (slaDept, error) {
	if w.depts == nil || time.Since(w.deptsAt) > time.Minute {
		all, err := w.Store.Departments(ctx)
		if err != nil {
			return slaDept{}, err
		}
		w.depts = map[string]slaDept{}
		for _, d := range all {
			c, err := route.NewClock(d.BusinessHours)
			if err != nil {
				c, _ = route.NewClock(route.BusinessHours{})
			}
			w.depts[d.Slug] = slaDept{clock: c, first: time.Duration(d.SLA.FirstResponse), settle: time.Duration(d.SLA.Resolution)}
		}
		w.deptsAt = time.Now()
	}
	if d, ok := w.depts[slug]; ok {
		return d, nil
	}
	c, _ := route.NewClock(route.BusinessHours{})
	return slaDept{clock: c}, nil
}

// sampleBacklog counts the open messages per department every BacklogEvery.
func (w *Worker) sampleBacklog(ctx context.Context, now time.Time) error {
	if !w.backlogAt.IsZero() && now.Sub(w.backlogAt) < BacklogEvery {
		return nil
	}
	if err := w.Store.SnapshotBacklog(ctx, now); err != nil {
		return err
	}
	w.backlogAt = now
	return nil
}
