package ui

import (
	"net/http"
	"net/url"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// globalView is the community switcher's value for every community.
const globalView = "*"

// switcher is the inbox's community switcher: the viewer's communities by
// default, one community, or the global view.
type switcher struct {
	Current string   // "", a slug or globalView
	Mine    []string // the viewer's communities
	All     []string
	// Scoped is set when the queue shows the viewer's communities only: live
	// messages then ask for a reload rather than join the list unchecked.
	Scoped bool
}

// communityScope limits the queue to the viewer's communities unless one
// community or the global view is asked for, and gives the switcher.
func (u *UI) communityScope(r *http.Request, v viewer, f *store.MessageFilter) switcher {
	sw := switcher{Current: r.URL.Query().Get("community")}
	if sw.Current == globalView {
		f.Community = ""
	}
	mine, err := u.store.UserCommunities(r.Context(), v.ID)
	if err == nil {
		sw.Mine = mine
	}
	if sw.Current == "" && len(mine) > 0 {
		f.Communities, sw.Scoped = mine, true
	}
	if all, err := u.store.Communities(r.Context()); err == nil {
		for _, c := range all {
			sw.All = append(sw.All, c.Slug)
		}
	}
	return sw
}

// withoutGlobal takes the global view's value out of the query before the
// filters are checked.
func withoutGlobal(q url.Values) url.Values {
	if q.Get("community") != globalView {
		return q
	}
	c := url.Values{}
	for k, v := range q {
		if k != "community" {
			c[k] = v
		}
	}
	return c
}
