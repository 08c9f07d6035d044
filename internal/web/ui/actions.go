package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/message"
)

// back sends the browser to the conversation after a change.
func back(w http.ResponseWriter, r *http.Request, id int64) {
	http.Redirect(w, r, "/m/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// assign gives the message to someone: "me" (claim), a user id, or "0" to
// take it back.
func (u *UI) assign(w http.ResponseWriter, r *http.Request) {
	m, ok := u.workableMessage(w, r)
	if !ok {
		return
	}
	v := viewerOf(r.Context())
	uid := v.ID
	if who := r.PostFormValue("user_id"); who != "" && who != "me" {
		id, err := strconv.ParseInt(who, 10, 64)
		if err != nil || (id != 0 && !u.mayHold(r, id, m.Department)) {
			u.fail(w, r, http.StatusBadRequest, "error.assignee")
			return
		}
		uid = id
	}
	if err := u.store.Assign(r.Context(), v.actor(), m.ID, uid); err != nil {
		u.serverError(w, r, err)
		return
	}
	back(w, r, m.ID)
}

// mayHold reports whether the user may be given a message of the department.
func (u *UI) mayHold(r *http.Request, id int64, dep string) bool {
	agents, err := u.agentsOf(r, dep)
	if err != nil {
		return false
	}
	for _, a := range agents {
		if a.ID == id {
			return true
		}
	}
	return false
}

// reroute moves the message to another department; the store records it as
// a correction for the model.
func (u *UI) reroute(w http.ResponseWriter, r *http.Request) {
	m, ok := u.workableMessage(w, r)
	if !ok {
		return
	}
	dep, class := r.PostFormValue("department"), message.Class(r.PostFormValue("class"))
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	d, ok := departmentMap(u.router)[dep]
	if !ok || (class != "" && !class.Valid()) || len(reason) > 1000 || dep == m.Department {
		u.fail(w, r, http.StatusBadRequest, "error.reroute")
		return
	}
	if class == "" && len(d.Classes) > 0 {
		class = d.Classes[0]
	}
	if class == "" {
		class = m.Class
	}
	v := viewerOf(r.Context())
	if err := u.store.Reroute(r.Context(), v.actor(), m.ID, dep, class, reason); err != nil {
		u.serverError(w, r, err)
		return
	}
	if !v.sees(dep) {
		http.Redirect(w, r, "/queue/"+m.Department, http.StatusSeeOther)
		return
	}
	back(w, r, m.ID)
}

func (u *UI) setPriority(w http.ResponseWriter, r *http.Request) {
	m, ok := u.workableMessage(w, r)
	if !ok {
		return
	}
	p := message.Priority(r.PostFormValue("priority"))
	if p.Rank() < 0 {
		u.fail(w, r, http.StatusBadRequest, "error.priority")
		return
	}
	if err := u.store.SetPriority(r.Context(), viewerOf(r.Context()).actor(), m.ID, p); err != nil {
		u.serverError(w, r, err)
		return
	}
	back(w, r, m.ID)
}

func (u *UI) setStatus(w http.ResponseWriter, r *http.Request) {
	m, ok := u.workableMessage(w, r)
	if !ok {
		return
	}
	s := message.Status(r.PostFormValue("status"))
	if !s.Valid() {
		u.fail(w, r, http.StatusBadRequest, "error.status")
		return
	}
	if err := u.store.SetStatus(r.Context(), viewerOf(r.Context()).actor(), m.ID, s); err != nil {
		u.serverError(w, r, err)
		return
	}
	back(w, r, m.ID)
}
