package ui

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// sessionCookie holds the session's random token; the store keeps its hash.
const sessionCookie = "sb_session"

// maxForm bounds a form's body.
const maxForm = 64 << 10

// csrfField is the hidden form field (or X-CSRF-Token header) carrying the
// session's CSRF token on every POST.
const csrfField = "csrf"

// viewer is who is signed in on this request.
type viewer struct {
	store.User
	Role    access.Role
	Session store.Session
}

// scope is the departments the viewer may see: nil for all.
func (v viewer) scope() []string {
	if v.Role.SeesAllDepartments() {
		return nil
	}
	if v.Departments == nil {
		return []string{}
	}
	return v.Departments
}

// sees reports whether the viewer may see a message of the department.
func (v viewer) sees(dep string) bool {
	sc := v.scope()
	if sc == nil {
		return true
	}
	for _, d := range sc {
		if d == dep {
			return true
		}
	}
	return false
}

func (v viewer) actor() store.Actor { return store.Actor{UserID: v.ID, Name: "user:" + v.Email} }

type viewerKey struct{}

func viewerOf(ctx context.Context) viewer {
	v, _ := ctx.Value(viewerKey{}).(viewer)
	return v
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never on a working system
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// signedIn loads the session, sends people without one to the sign-in page,
// and refuses a POST whose CSRF token is not the session's.
func (u *UI) signedIn(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := u.loadViewer(r)
		if err != nil {
			u.toSignin(w, r)
			return
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxForm)
		}
		if r.Method == http.MethodPost && !validCSRF(r, v.Session.CSRFToken) {
			u.fail(w, r.WithContext(context.WithValue(r.Context(), viewerKey{}, v)), http.StatusForbidden, "error.csrf")
			return
		}
		if r.Method == http.MethodPost {
			u.counts.forget(v.ID) // their change shows at once in their counts
		}
		h(w, r.WithContext(context.WithValue(r.Context(), viewerKey{}, v)))
	})
}

func (u *UI) toSignin(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || r.URL.Path == "/events" || r.Header.Get("Accept") == "application/json" {
		http.Error(w, "sign in first", http.StatusUnauthorized)
		return
	}
	http.Redirect(w, r, "/signin?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
}

var errNoSession = errors.New("no session")

func (u *UI) loadViewer(r *http.Request) (viewer, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return viewer{}, errNoSession
	}
	sess, err := u.store.SessionByHash(r.Context(), access.HashToken(c.Value), time.Now())
	if err != nil {
		return viewer{}, err
	}
	usr, err := u.store.UserByID(r.Context(), sess.UserID)
	if err != nil || usr.Disabled {
		return viewer{}, errNoSession
	}
	role, err := access.ParseRole(usr.Role)
	if err != nil {
		return viewer{}, err
	}
	return viewer{User: usr, Role: role, Session: sess}, nil
}

func validCSRF(r *http.Request, want string) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue(csrfField)
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// startSession records a new session and sets its cookie.
func (u *UI) startSession(w http.ResponseWriter, r *http.Request, usr store.User) error {
	token := randomToken()
	now := time.Now().UTC()
	sess := store.Session{UserID: usr.ID, CSRFToken: randomToken(), IP: clientIP(r), UserAgent: truncate(r.UserAgent(), 200),
		CreatedAt: now, ExpiresAt: now.Add(u.ttl)}
	if _, err := u.store.CreateSession(r.Context(), store.Actor{UserID: usr.ID, Name: "user:" + usr.Email}, access.HashToken(token), sess); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: sess.ExpiresAt,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	return nil
}

func (u *UI) signout(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	if err := u.store.DeleteSession(r.Context(), v.actor(), v.Session.ID); err != nil {
		u.serverError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
