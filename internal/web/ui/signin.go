package ui

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
)

// signinCookie carries the CSRF token of the sign-in form, before any session.
const signinCookie = "sb_signin"

// dummyHash is checked when the email is unknown, so a wrong email takes as
// long as a wrong password and does not tell which accounts exist.
var dummyHash, _ = access.HashPassword("not-a-real-password-at-all")

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func (u *UI) signinPage(w http.ResponseWriter, r *http.Request) {
	u.renderSignin(w, r, http.StatusOK, "", "")
}

func (u *UI) renderSignin(w http.ResponseWriter, r *http.Request, code int, errKey, email string) {
	token := randomToken()
	http.SetCookie(w, &http.Cookie{Name: signinCookie, Value: token, Path: "/signin", MaxAge: 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	p := u.newPage(r, "signin.title")
	p.CSRF, p.Error = token, errKey
	p.Data = map[string]string{"Email": email, "Next": localPath(r.FormValue("next"))}
	u.render(w, code, "signin.html", p)
}

// signin checks the password and opens a session. Every refusal says the
// same thing, whatever was wrong.
func (u *UI) signin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	email := strings.TrimSpace(r.PostFormValue("email"))
	c, err := r.Cookie(signinCookie)
	if err != nil || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue(csrfField))) != 1 {
		u.renderSignin(w, r, http.StatusForbidden, "error.csrf", email)
		return
	}
	if !u.limits.allow(clientIP(r), email) {
		w.Header().Set("Retry-After", "20")
		u.renderSignin(w, r, http.StatusTooManyRequests, "signin.slow", email)
		return
	}
	usr, hash, err := u.store.UserByEmail(r.Context(), email)
	if err != nil {
		hash = dummyHash
	}
	if !access.CheckPassword(hash, r.PostFormValue("password")) || err != nil || usr.Disabled {
		u.log.Info("sign-in refused", "email", email, "ip", clientIP(r))
		u.renderSignin(w, r, http.StatusUnauthorized, "signin.wrong", email)
		return
	}
	if err := u.startSession(w, r, usr); err != nil {
		u.serverError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: signinCookie, Value: "", Path: "/signin", MaxAge: -1})
	if err := u.store.DeleteExpiredSessions(r.Context(), time.Now()); err != nil {
		u.log.Warn("delete expired sessions", "err", err)
	}
	http.Redirect(w, r, localPath(r.PostFormValue("next")), http.StatusSeeOther)
}
