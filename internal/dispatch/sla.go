package dispatch

import (
	"context"
	"fmt"
	"slices"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// WatchSLA goes over the unresolved conversations and raises, once each, a
// warning to the leads when a quarter of the running target is left, and an
// escalation when it is missed.
func (d *Dispatcher) WatchSLA(ctx context.Context) error {
	deps := map[string]route.Department{}
	clocks := map[string]route.Clock{}
	for _, dep := range d.Router.Config().Departments {
		c, err := route.NewClock(dep.BusinessHours)
		if err != nil {
			continue // refused when the configuration was applied; never here
		}
		deps[dep.Slug], clocks[dep.Slug] = dep, c
	}
	leads, err := d.leads(ctx)
	if err != nil {
		return err
	}
	now := d.now()
	for after := int64(0); ; {
		batch, err := d.Store.OpenMessages(ctx, after, 1000)
		if err != nil || len(batch) == 0 {
			return err
		}
		ids := make([]int64, len(batch))
		for i, m := range batch {
			ids[i] = m.ID
		}
		raised, err := d.Store.RaisedAlerts(ctx, ids)
		if err != nil {
			return err
		}
		for _, m := range batch {
			dep, ok := deps[m.Department]
			if !ok {
				continue
			}
			s := dep.SLAAt(clocks[m.Department], m.Status, m.ReceivedAt, now)
			if err := d.alert(ctx, m, s, leads[m.Department], raised[m.ID]); err != nil {
				return err
			}
		}
		after = batch[len(batch)-1].ID
	}
}

func (d *Dispatcher) alert(ctx context.Context, m store.OpenMessage, s route.SLAState, leads []int64, raised []string) error {
	var al store.SLAAlert
	due := s.Due.UTC().Format("2006-01-02 15:04 UTC")
	switch s.State {
	case "soon":
		al = store.SLAAlert{Kind: "warn_" + s.Kind, Note: fmt.Sprintf("SLA %s : échéance proche / due soon (%s).", s.Kind, due)}
	case "late":
		al = store.SLAAlert{Kind: "missed_" + s.Kind, Escalate: true,
			Note: fmt.Sprintf("SLA %s dépassé, conversation escaladée / missed, conversation escalated (due %s).", s.Kind, due)}
	default:
		return nil
	}
	if slices.Contains(raised, al.Kind) {
		return nil
	}
	al.MessageID, al.Notify = m.ID, leads
	done, err := d.Store.RaiseSLAAlert(ctx, al)
	if done {
		d.Log.Info("SLA alert", "message", m.ID, "kind", al.Kind)
	}
	return err
}

// leads gives each department's active leads.
func (d *Dispatcher) leads(ctx context.Context) (map[string][]int64, error) {
	users, err := d.Store.Users(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string][]int64{}
	for _, u := range users {
		if u.Disabled || access.Role(u.Role) != access.Lead {
			continue
		}
		for _, dep := range u.Departments {
			out[dep] = append(out[dep], u.ID)
		}
	}
	return out, nil
}
