package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// load is one person's share of a department's work.
type load struct {
	User     store.User
	Settings store.AgentSettings
	Open     int
}

// departmentLoad is a department's people and what waits for them.
type departmentLoad struct {
	Dept       route.Department
	People     []load
	Unassigned int
}

// workload shows leads and admins who holds what, under which capacity.
func (u *UI) workload(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	if v.Role != access.Lead && v.Role != access.Admin {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	data, err := u.workloadData(r, v)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	p := u.newPage(r, "workload.title")
	p.Data = data
	u.render(w, http.StatusOK, "workload.html", p)
}

func (u *UI) workloadData(r *http.Request, v viewer) ([]departmentLoad, error) {
	ctx := r.Context()
	users, err := u.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	open, err := u.store.OpenCounts(ctx)
	if err != nil {
		return nil, err
	}
	var out []departmentLoad
	for _, d := range u.router.Config().Departments {
		if !v.sees(d.Slug) {
			continue
		}
		waiting, err := u.store.Unassigned(ctx, d.Slug, 1000)
		if err != nil {
			return nil, err
		}
		dl := departmentLoad{Dept: d, Unassigned: len(waiting)}
		for _, usr := range users {
			if usr.Disabled || !contains(usr.Departments, d.Slug) || !access.Role(usr.Role).Can(access.WorkMessages) {
				continue
			}
			st, err := u.store.AgentSettingsOf(ctx, usr.ID)
			if err != nil {
				return nil, err
			}
			dl.People = append(dl.People, load{User: usr, Settings: st, Open: open[usr.ID]})
		}
		out = append(out, dl)
	}
	return out, nil
}

// setAvailable lets a person say whether they take new conversations now.
func (u *UI) setAvailable(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	if !v.Role.Can(access.WorkMessages) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	st, err := u.store.AgentSettingsOf(r.Context(), v.ID)
	if err == nil {
		st.Available = r.PostFormValue("available") == "on"
		err = u.store.SetAgentSettings(r.Context(), v.actor(), st)
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, localPath(r.PostFormValue("next")), http.StatusSeeOther)
}

// settingsForm reads capacity and languages from the people page's form.
func settingsForm(r *http.Request, id int64, available bool) (store.AgentSettings, bool) {
	st := store.AgentSettings{UserID: id, Available: available, Languages: []string{}}
	c := strings.TrimSpace(r.PostFormValue("capacity"))
	if c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 0 || n > 1000 {
			return st, false
		}
		st.Capacity = n
	}
	for _, l := range strings.Split(r.PostFormValue("languages"), ",") {
		l = strings.ToLower(strings.TrimSpace(l))
		if l == "" {
			continue
		}
		if !tokenPattern.MatchString(l) || len(l) > 8 {
			return st, false
		}
		st.Languages = append(st.Languages, l)
	}
	return st, true
}
