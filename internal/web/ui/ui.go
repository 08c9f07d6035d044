// Package ui serves the agent inbox: server-rendered pages (html/template)
// with embedded assets and a little hand-written JavaScript, in French and
// English. People sign in with a password; sessions live in the store, every
// form carries the session's CSRF token, and an agent sees only the queues of
// their departments.
package ui

import (
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/pipeline"
	"github.com/switchboard-crm/switchboard/internal/report"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Options are what the inbox needs.
type Options struct {
	Store     *store.Store
	Bus       *pipeline.Bus
	Router    *route.Router
	Log       *slog.Logger
	Templates fs.FS // the page templates (*.html)
	Static    fs.FS // CSS, JavaScript and images served under /static/
	// SessionTTL is how long a sign-in lasts; 0 means 12 hours.
	SessionTTL time.Duration
	// Suggester proposes approved answers in the composer; nil shows none.
	Suggester Suggester
	// Answers is the library's suggestion index, kept up to date by the
	// library pages (nil: they change the store only).
	Answers *knowledge.Index
	// Reports builds and sends the weekly reports; nil makes one from the
	// environment at each use (report.FromEnv), as the API does.
	Reports *report.Service
}

// UI is the inbox's HTTP handlers.
type UI struct {
	store     *store.Store
	bus       *pipeline.Bus
	router    *route.Router
	log       *slog.Logger
	pages     *pageSet
	static    fs.FS
	ttl       time.Duration
	limits    *signinLimits
	presence  *presence
	announce  func(msg, user int64, name string)
	counts    *countCache
	suggester Suggester
	library   *knowledge.Index
	reportSvc *report.Service
}

// New parses the templates and returns the inbox.
func New(o Options) (*UI, error) {
	ps, err := parsePages(o.Templates)
	if err != nil {
		return nil, err
	}
	if o.SessionTTL == 0 {
		o.SessionTTL = 12 * time.Hour
	}
	u := &UI{store: o.Store, bus: o.Bus, router: o.Router, log: o.Log, pages: ps, static: o.Static,
		ttl: o.SessionTTL, limits: newSigninLimits(), presence: newPresence(), counts: newCountCache(), suggester: o.Suggester, library: o.Answers, reportSvc: o.Reports}
	if o.Bus != nil {
		if u.announce, err = u.presence.share(o.Bus); err != nil {
			return nil, fmt.Errorf("presence: %w", err)
		}
	}
	return u, nil
}

// Register adds the inbox's routes to mux.
func (u *UI) Register(mux *http.ServeMux) {
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticFiles(u.static)))
	mux.HandleFunc("GET /lang/{code}", u.setLang)
	mux.HandleFunc("GET /signin", u.signinPage)
	mux.HandleFunc("POST /signin", u.signin)
	mux.Handle("POST /signout", u.signedIn(u.signout))
	mux.Handle("GET /{$}", u.signedIn(u.inbox))
	mux.Handle("GET /queue/{slug}", u.signedIn(u.inbox))
	mux.Handle("GET /mine", u.signedIn(u.inbox))
	mux.Handle("GET /events", u.signedIn(u.events))
	mux.Handle("GET /m/{id}", u.signedIn(u.conversation))
	mux.Handle("GET /m/{id}/presence", u.signedIn(u.presencePoll))
	mux.Handle("POST /m/{id}/assign", u.signedIn(u.assign))
	mux.Handle("POST /m/{id}/reroute", u.signedIn(u.reroute))
	mux.Handle("POST /m/{id}/priority", u.signedIn(u.setPriority))
	mux.Handle("POST /m/{id}/status", u.signedIn(u.setStatus))
	mux.Handle("POST /m/{id}/notes", u.signedIn(u.addNote))
	mux.Handle("POST /m/{id}/replies", u.signedIn(u.addReply))
	mux.Handle("GET /m/{id}/cases", u.signedIn(u.casePage))
	mux.Handle("POST /m/{id}/cases", u.signedIn(u.createCase))
	mux.Handle("GET /review", u.signedIn(u.reviewQueue))
	mux.Handle("GET /mentions", u.signedIn(u.mentionsPage))
	mux.Handle("GET /workload", u.signedIn(u.workload))
	mux.Handle("GET /answers", u.signedIn(u.answers))
	mux.Handle("GET /answers/new", u.signedIn(u.newAnswer))
	mux.Handle("POST /answers", u.signedIn(u.createAnswer))
	mux.Handle("GET /answers/{id}", u.signedIn(u.answer))
	mux.Handle("POST /answers/{id}", u.signedIn(u.updateAnswer))
	mux.Handle("POST /answers/{id}/state", u.signedIn(u.setAnswerState))
	mux.Handle("POST /me/available", u.signedIn(u.setAvailable))
	mux.Handle("POST /replies/{id}/approve", u.signedIn(u.approve))
	mux.Handle("POST /replies/{id}/reject", u.signedIn(u.reject))
	mux.Handle("GET /admin/users", u.signedIn(u.users))
	mux.Handle("POST /admin/users", u.signedIn(u.createUser))
	mux.Handle("GET /admin/users/{id}", u.signedIn(u.editUser))
	mux.Handle("POST /admin/users/{id}", u.signedIn(u.updateUser))
	u.registerCrisis(mux)
	u.registerPeople(mux)
	u.registerCommunities(mux)
	u.registerReport(mux)
	u.registerLeaders(mux)
	u.registerDashboards(mux)
}

// staticFiles serves the embedded assets, cached for an hour.
func staticFiles(fsys fs.FS) http.Handler {
	h := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
