package ui

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/people"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// registerCommunities adds the communities' admin pages.
func (u *UI) registerCommunities(mux *http.ServeMux) {
	mux.Handle("GET /communities", u.signedIn(u.communitiesPage))
	mux.Handle("POST /communities", u.signedIn(u.communityAction(u.createCommunity)))
	mux.Handle("GET /communities/{slug}", u.signedIn(u.communityPage))
	mux.Handle("POST /communities/{slug}/members", u.signedIn(u.communityAction(u.addMember)))
	mux.Handle("POST /communities/{slug}/members/remove", u.signedIn(u.communityAction(u.removeMember)))
	mux.Handle("POST /communities/{slug}/rules", u.signedIn(u.communityAction(u.addAssignmentRule)))
	mux.Handle("POST /communities/{slug}/rules/remove", u.signedIn(u.communityAction(u.removeAssignmentRule)))
}

// communitiesData is what the communities page shows.
type communitiesData struct {
	List    []store.Community
	Kinds   []string
	Refused string
}

func (u *UI) communitiesPage(w http.ResponseWriter, r *http.Request) {
	u.showCommunities(w, r, http.StatusOK, "")
}

func (u *UI) showCommunities(w http.ResponseWriter, r *http.Request, code int, refused string) {
	if !viewerOf(r.Context()).Role.Can(access.ReadConfig) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	list, err := u.store.Communities(r.Context())
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	p := u.newPage(r, "comm.title")
	p.Data = communitiesData{List: list, Kinds: store.CommunityKinds, Refused: refused}
	u.render(w, code, "communities.html", p)
}

// workspaceData is what a community's page shows.
type workspaceData struct {
	people.Workspace
	Users   []store.User
	Refused string
}

func (u *UI) communityPage(w http.ResponseWriter, r *http.Request) {
	u.showCommunity(w, r, http.StatusOK, "")
}

func (u *UI) showCommunity(w http.ResponseWriter, r *http.Request, code int, refused string) {
	if !viewerOf(r.Context()).Role.Can(access.ReadConfig) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	ws, err := people.LoadWorkspace(r.Context(), u.store, u.router.Config(), r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	d := workspaceData{Workspace: ws, Refused: refused}
	if d.Users, err = u.store.Users(r.Context()); err != nil {
		u.serverError(w, r, err)
		return
	}
	p := u.newPage(r, "comm.title")
	p.Data = d
	u.render(w, code, "community.html", p)
}

// communityAction runs an admin's change and goes back; bad input shows the
// page again with the reason (400), nothing changed.
func (u *UI) communityAction(act func(r *http.Request, v viewer) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := viewerOf(r.Context())
		if !v.Role.Can(access.ManageCommunity) {
			u.fail(w, r, http.StatusForbidden, "error.forbidden")
			return
		}
		next, err := act(r, v)
		switch {
		case errors.Is(err, store.ErrInvalidValue), errors.Is(err, store.ErrConflict):
			if r.PathValue("slug") == "" {
				u.showCommunities(w, r, http.StatusBadRequest, err.Error())
			} else {
				u.showCommunity(w, r, http.StatusBadRequest, err.Error())
			}
		case errors.Is(err, store.ErrNotFound):
			u.fail(w, r, http.StatusNotFound, "error.notfound")
		case err != nil:
			u.serverError(w, r, err)
		default:
			http.Redirect(w, r, next, http.StatusSeeOther)
		}
	}
}

func (u *UI) createCommunity(r *http.Request, v viewer) (string, error) {
	c, err := u.store.CreateCommunity(r.Context(), v.actor(), store.Community{Slug: r.PostFormValue("slug"), Name: r.PostFormValue("name"), Kind: r.PostFormValue("kind")})
	return "/communities/" + c.Slug, err
}

func (u *UI) addMember(r *http.Request, v viewer) (string, error) {
	uid, err := strconv.ParseInt(r.PostFormValue("user_id"), 10, 64)
	if err != nil {
		return "", store.ErrInvalidValue
	}
	return "/communities/" + r.PathValue("slug"), u.store.AddCommunityMember(r.Context(), v.actor(), r.PathValue("slug"), uid)
}

func (u *UI) removeMember(r *http.Request, v viewer) (string, error) {
	uid, err := strconv.ParseInt(r.PostFormValue("user_id"), 10, 64)
	if err != nil {
		return "", store.ErrInvalidValue
	}
	return "/communities/" + r.PathValue("slug"), u.store.RemoveCommunityMember(r.Context(), v.actor(), r.PathValue("slug"), uid)
}

// addAssignmentRule adds one rule to the community's (lists comma-separated).
func (u *UI) addAssignmentRule(r *http.Request, v viewer) (string, error) {
	slug := r.PathValue("slug")
	rules, err := u.store.CommunityRules(r.Context(), slug)
	if err != nil {
		return "", err
	}
	pos, _ := strconv.Atoi(r.PostFormValue("position"))
	rules = append(rules, store.CommunityRule{Position: pos, Langs: commaList(r.PostFormValue("langs")),
		Keywords: commaList(r.PostFormValue("keywords")), Places: commaList(r.PostFormValue("places"))})
	_, err = u.store.SetCommunityRules(r.Context(), v.actor(), slug, rules)
	return "/communities/" + slug, err
}

func (u *UI) removeAssignmentRule(r *http.Request, v viewer) (string, error) {
	slug := r.PathValue("slug")
	rules, err := u.store.CommunityRules(r.Context(), slug)
	if err != nil {
		return "", err
	}
	id, _ := strconv.ParseInt(r.PostFormValue("rule_id"), 10, 64)
	kept := rules[:0]
	for _, rule := range rules {
		if rule.ID != id {
			kept = append(kept, rule)
		}
	}
	_, err = u.store.SetCommunityRules(r.Context(), v.actor(), slug, kept)
	return "/communities/" + slug, err
}
