package ui

import (
	"errors"
	"net/http"
	"regexp"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// How many people the leaders page lists and the stakeholder map draws.
const (
	leadersShown = 50
	mapPeople    = 40
)

var communitySlug = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// leadersView is what the leaders and stakeholder map pages show.
type leadersView struct {
	Community   string   // "" for all communities
	Communities []string // those with scores, for the picker
	Leaders     []rankedLeader
	Map         stakeMap
}

// rankedLeader is a leader with their rank, from 1.
type rankedLeader struct {
	Rank int
	store.Leader
}

// registerLeaders adds the opinion leaders' pages.
func (u *UI) registerLeaders(mux *http.ServeMux) {
	mux.Handle("GET /leaders", u.signedIn(u.leadersPage))
	mux.Handle("GET /leaders/map", u.signedIn(u.stakeholderPage))
}

// leadersPage ranks the opinion leaders of a community with their stance.
func (u *UI) leadersPage(w http.ResponseWriter, r *http.Request) {
	data, ok := u.leadersData(w, r, leadersShown, 2)
	if !ok {
		return
	}
	p := u.newPage(r, "leaders.title")
	p.Data = data
	u.render(w, http.StatusOK, "leaders.html", p)
}

// stakeholderPage draws the community's stakeholder map.
func (u *UI) stakeholderPage(w http.ResponseWriter, r *http.Request) {
	data, ok := u.leadersData(w, r, mapPeople, 1)
	if !ok {
		return
	}
	leaders := make([]store.Leader, len(data.Leaders))
	for i, l := range data.Leaders {
		leaders[i] = l.Leader
	}
	ties, err := u.store.Ties(r.Context(), data.Community, leaders)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	data.Map = layoutMap(leaders, ties)
	p := u.newPage(r, "stakeholder.title")
	p.Data = data
	u.render(w, http.StatusOK, "stakeholder.html", p)
}

// leadersData reads the community asked for and its leaders, answering the
// error itself when it cannot (ok false).
func (u *UI) leadersData(w http.ResponseWriter, r *http.Request, limit, recent int) (leadersView, bool) {
	if !viewerOf(r.Context()).Role.Can(access.ReadMessages) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return leadersView{}, false
	}
	v := leadersView{Community: r.URL.Query().Get("community")}
	if v.Community != "" && !communitySlug.MatchString(v.Community) {
		u.fail(w, r, http.StatusBadRequest, "error.filter")
		return v, false
	}
	var err error
	var leaders []store.Leader
	if v.Communities, err = u.store.InfluenceCommunities(r.Context()); err == nil {
		leaders, err = u.store.Leaders(r.Context(), store.LeaderFilter{Community: v.Community, Limit: limit, Recent: recent,
			Departments: viewerOf(r.Context()).scope()})
	}
	for i, l := range leaders {
		v.Leaders = append(v.Leaders, rankedLeader{Rank: i + 1, Leader: l})
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return v, false
	case err != nil:
		u.serverError(w, r, err)
		return v, false
	}
	return v, true
}
