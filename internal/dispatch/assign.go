package dispatch

import (
	"context"
	"slices"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// candidate is an agent who takes conversations automatically.
type candidate struct {
	id    int64
	st    store.AgentSettings
	open  int
	deps  []string
	langs []string
}

// Assign hands out each department's unassigned conversations, oldest
// first, while someone has room.
func (d *Dispatcher) Assign(ctx context.Context) error {
	cands, err := d.candidates(ctx)
	if err != nil || len(cands) == 0 {
		return err
	}
	for _, dep := range d.Router.Config().Departments {
		if err := d.assignDepartment(ctx, dep.Slug, cands); err != nil {
			return err
		}
	}
	return nil
}

func (d *Dispatcher) assignDepartment(ctx context.Context, dep string, cands []*candidate) error {
	waiting, err := d.Store.Unassigned(ctx, dep, 200)
	if err != nil {
		return err
	}
	for _, w := range waiting {
		c := pick(cands, dep, w.Lang)
		if c == nil {
			continue // nobody speaks this language with room now; maybe the next message
		}
		ok, err := d.Store.AssignIfUnassigned(ctx, store.Actor{Name: "system:auto-assign"}, w.ID, c.id)
		if err != nil {
			return err
		}
		if ok {
			c.open++
		}
	}
	return nil
}

// pick gives the member of dep with the fewest open conversations under
// their capacity who speaks lang (or lists no language), nil if none.
func pick(cands []*candidate, dep, lang string) *candidate {
	var best *candidate
	for _, c := range cands {
		if !slices.Contains(c.deps, dep) || c.open >= c.st.Capacity {
			continue
		}
		if len(c.langs) > 0 && !slices.Contains(c.langs, baseLang(lang)) {
			continue
		}
		if best == nil || c.open < best.open {
			best = c
		}
	}
	return best
}

func baseLang(l string) string {
	b, _, _ := strings.Cut(strings.ToLower(l), "-")
	return b
}

// candidates lists the available agents and leads with a capacity, with how
// many open conversations they hold.
func (d *Dispatcher) candidates(ctx context.Context) ([]*candidate, error) {
	users, err := d.Store.Users(ctx)
	if err != nil {
		return nil, err
	}
	open, err := d.Store.OpenCounts(ctx)
	if err != nil {
		return nil, err
	}
	var out []*candidate
	for _, u := range users {
		if u.Disabled || !access.Role(u.Role).Can(access.WorkMessages) {
			continue
		}
		st, err := d.Store.AgentSettingsOf(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		if !st.Available || st.Capacity == 0 {
			continue
		}
		c := &candidate{id: u.ID, st: st, open: open[u.ID], deps: u.Departments}
		for _, l := range st.Languages {
			c.langs = append(c.langs, baseLang(l))
		}
		out = append(out, c)
	}
	return out, nil
}
