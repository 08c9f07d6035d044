package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// usersData is what the people pages show.
type usersData struct {
	Users       []store.User
	Edit        store.User
	Settings    store.AgentSettings
	Roles       []access.Role
	Departments []route.Department
	Message     string // a key: what went wrong with the form
}

func (u *UI) mayManage(w http.ResponseWriter, r *http.Request) bool {
	if !viewerOf(r.Context()).Role.Can(access.ManageUsers) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return false
	}
	return true
}

func (u *UI) usersPage(w http.ResponseWriter, r *http.Request, code int, name string, d usersData) {
	d.Roles, d.Departments = access.Roles, u.router.Config().Departments
	if d.Users == nil {
		users, err := u.store.Users(r.Context())
		if err != nil {
			u.serverError(w, r, err)
			return
		}
		d.Users = users
	}
	p := u.newPage(r, "users.title")
	p.Error, p.Data = d.Message, d
	u.render(w, code, name, p)
}

func (u *UI) users(w http.ResponseWriter, r *http.Request) {
	if u.mayManage(w, r) {
		u.usersPage(w, r, http.StatusOK, "users.html", usersData{Edit: store.User{Role: string(access.Agent)}})
	}
}

// userForm reads the fields common to creating and editing a person.
func (u *UI) userForm(r *http.Request) (store.User, string) {
	r.ParseForm()
	usr := store.User{Name: strings.TrimSpace(r.PostFormValue("name")), Role: r.PostFormValue("role"),
		Departments: r.PostForm["departments"], Disabled: r.PostFormValue("disabled") == "on"}
	if _, err := access.ParseRole(usr.Role); err != nil {
		return usr, "users.badrole"
	}
	deps := departmentMap(u.router)
	for _, d := range usr.Departments {
		if _, ok := deps[d]; !ok {
			return usr, "users.baddep"
		}
	}
	if len(usr.Name) > 200 {
		return usr, "users.badname"
	}
	return usr, ""
}

func (u *UI) createUser(w http.ResponseWriter, r *http.Request) {
	if !u.mayManage(w, r) {
		return
	}
	usr, problem := u.userForm(r)
	usr.Email = strings.TrimSpace(r.PostFormValue("email"))
	hash, err := access.HashPassword(r.PostFormValue("password"))
	if problem == "" && err != nil {
		problem = "users.badpassword"
	}
	if problem == "" {
		_, err = u.store.CreateUser(r.Context(), viewerOf(r.Context()).actor(), usr, hash)
		if errors.Is(err, store.ErrConflict) {
			problem = "users.exists"
		} else if err != nil {
			problem = "users.bademail"
		}
	}
	if problem != "" {
		u.usersPage(w, r, http.StatusBadRequest, "users.html", usersData{Edit: usr, Message: problem})
		return
	}
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

func (u *UI) userOfPath(w http.ResponseWriter, r *http.Request) (store.User, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return store.User{}, false
	}
	usr, err := u.store.UserByID(r.Context(), id)
	if err != nil {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return usr, false
	}
	return usr, true
}

func (u *UI) editUser(w http.ResponseWriter, r *http.Request) {
	if !u.mayManage(w, r) {
		return
	}
	usr, ok := u.userOfPath(w, r)
	if !ok {
		return
	}
	st, err := u.store.AgentSettingsOf(r.Context(), usr.ID)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	u.usersPage(w, r, http.StatusOK, "user_edit.html", usersData{Edit: usr, Settings: st, Users: []store.User{}})
}

// updateUser changes a person's name, role, departments, disabled flag and,
// when one is given, password. Disabling or a new password ends their sessions.
func (u *UI) updateUser(w http.ResponseWriter, r *http.Request) {
	if !u.mayManage(w, r) {
		return
	}
	old, ok := u.userOfPath(w, r)
	if !ok {
		return
	}
	usr, problem := u.userForm(r)
	usr.ID, usr.Email = old.ID, old.Email
	pw := r.PostFormValue("password")
	hash, err := "", error(nil)
	if pw != "" {
		if hash, err = access.HashPassword(pw); err != nil && problem == "" {
			problem = "users.badpassword"
		}
	}
	if usr.ID == viewerOf(r.Context()).ID && (usr.Disabled || usr.Role != old.Role) {
		problem = "users.self"
	}
	prev, err := u.store.AgentSettingsOf(r.Context(), usr.ID)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	st, ok := settingsForm(r, usr.ID, prev.Available)
	if !ok && problem == "" {
		problem = "users.badsettings"
	}
	if problem != "" {
		u.usersPage(w, r, http.StatusBadRequest, "user_edit.html", usersData{Edit: usr, Settings: st, Users: []store.User{}, Message: problem})
		return
	}
	if err := u.saveUser(r, usr, hash); err == nil {
		err = u.store.SetAgentSettings(r.Context(), viewerOf(r.Context()).actor(), st)
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

func (u *UI) saveUser(r *http.Request, usr store.User, hash string) error {
	a := viewerOf(r.Context()).actor()
	if err := u.store.UpdateUser(r.Context(), a, usr); err != nil {
		return err
	}
	if hash != "" {
		if err := u.store.SetPassword(r.Context(), a, usr.ID, hash); err != nil {
			return err
		}
	}
	if usr.Disabled {
		return u.store.DeleteUserSessions(r.Context(), usr.ID)
	}
	return nil
}
