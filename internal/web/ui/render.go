package ui

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"

	"github.com/switchboard-crm/switchboard/internal/access"
)

// pageSet holds each page parsed together with the layout.
type pageSet struct {
	byName map[string]*template.Template
}

func parsePages(fsys fs.FS) (*pageSet, error) {
	names, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "layout.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	ps := &pageSet{byName: map[string]*template.Template{}}
	for _, n := range names {
		if n == "layout.html" || n == "home.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", n, err)
		}
		ps.byName[path.Base(n)] = t
	}
	return ps, nil
}

// page is what every template receives.
type page struct {
	Lang     string
	TitleKey string
	Viewer   viewer
	SignedIn bool
	CSRF     string
	Path     string
	Error    string // a message key
	Queues   []queueLink
	Data     any
	// Available is whether the viewer takes conversations handed out automatically.
	Available bool
	// InboxSearch is set on queue pages, whose filter form holds the search box.
	InboxSearch bool
}

// T translates a key into the page's language.
func (p page) T(key string, args ...any) string { return translate(p.Lang, key, args...) }

// Can reports whether the viewer's role has a permission, for showing actions.
func (p page) Can(perm string) bool { return p.Viewer.Role.Can(access.Permission(perm)) }

func (u *UI) newPage(r *http.Request, titleKey string) page {
	v := viewerOf(r.Context())
	p := page{Lang: langOf(r), TitleKey: titleKey, Viewer: v, SignedIn: v.ID != 0, CSRF: v.Session.CSRFToken,
		Path: r.URL.RequestURI()}
	if p.SignedIn {
		p.Queues = u.queueLinks(r, v)
		if st, err := u.store.AgentSettingsOf(r.Context(), v.ID); err == nil {
			p.Available = st.Available
		}
	}
	return p
}

func (u *UI) render(w http.ResponseWriter, code int, name string, p page) {
	t, ok := u.pages.byName[name]
	if !ok {
		http.Error(w, "no template "+name, http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, p); err != nil {
		u.log.Error("render page", "page", name, "err", err)
		http.Error(w, "could not render the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	buf.WriteTo(w)
}

// fail shows an error page with a translated message.
func (u *UI) fail(w http.ResponseWriter, r *http.Request, code int, key string) {
	p := u.newPage(r, "error.title")
	p.Error = key
	p.Data = code
	u.render(w, code, "error.html", p)
}

func (u *UI) serverError(w http.ResponseWriter, r *http.Request, err error) {
	u.log.Error("inbox", "path", r.URL.Path, "err", err)
	u.fail(w, r, http.StatusInternalServerError, "error.server")
}
