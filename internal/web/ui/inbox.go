package ui

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// queueLink is one entry of the queue list beside every page.
type queueLink struct {
	Slug, Name, Href string
	Count            int
	Active           bool
}

// queueLinks gives the queues the viewer may open, with their counts:
// "mine", their departments (triage among them), mentions and the review queue.
func (u *UI) queueLinks(r *http.Request, v viewer) []queueLink {
	c := u.countsFor(r, v)
	links := []queueLink{{Slug: "mine", Href: "/mine", Count: c.mine}}
	for _, d := range u.router.Config().Departments {
		if v.sees(d.Slug) {
			links = append(links, queueLink{Slug: d.Slug, Name: d.Name, Href: "/queue/" + d.Slug, Count: c.queues[d.Slug]})
		}
	}
	if c.mentions > 0 {
		links = append(links, queueLink{Slug: "mentions", Href: "/mentions", Count: c.mentions})
	}
	if canReview(v.Role) {
		links = append(links, queueLink{Slug: "review", Href: "/review", Count: c.pending})
	}
	for i := range links {
		links[i].Active = r.URL.Path == links[i].Href
	}
	return links
}

// row is one message of a queue.
type row struct {
	message.Message
	SLA      slaView
	Assignee string
}

// inboxData is what the queue page shows.
type inboxData struct {
	Queue      string // a department's slug, "mine" or "all"
	QueueName  string
	Rows       []row
	Filter     store.MessageFilter
	NextCursor string
	MoreHref   string
	Filtered   bool
	Classes    []message.Class
	Statuses   []message.Status
	Switcher   switcher // the community switcher (communities_inbox.go)
}

var tokenPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

var errBadFilter = errors.New("bad filter")

// parseFilter reads the queue filters, refusing values that cannot be.
func parseFilter(q url.Values) (store.MessageFilter, error) {
	f := store.MessageFilter{Class: q.Get("class"), Sentiment: q.Get("sentiment"), Lang: q.Get("lang"),
		Community: q.Get("community"), Channel: q.Get("channel"), Status: q.Get("status"), Query: q.Get("q"),
		Cursor: q.Get("cursor"), Limit: 50}
	bad := (f.Class != "" && !message.Class(f.Class).Valid()) ||
		(f.Sentiment != "" && !message.Sentiment(f.Sentiment).Valid()) ||
		(f.Status != "" && !message.Status(f.Status).Valid()) || len(f.Query) > 500
	for _, v := range []string{f.Lang, f.Community, f.Channel} {
		bad = bad || (v != "" && !tokenPattern.MatchString(v))
	}
	if bad {
		return f, errBadFilter
	}
	return f, nil
}

func (u *UI) inbox(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	f, err := parseFilter(withoutGlobal(r.URL.Query()))
	if err != nil {
		u.fail(w, r, http.StatusBadRequest, "error.filter")
		return
	}
	data := inboxData{Queue: "all", Classes: message.Classes,
		Statuses: []message.Status{message.StatusNew, message.StatusOpen, message.StatusWaiting, message.StatusResolved}}
	f.Departments = v.scope()
	data.Switcher = u.communityScope(r, v, &f)
	switch slug := r.PathValue("slug"); {
	case r.URL.Path == "/mine":
		data.Queue, f.AssigneeID = "mine", v.ID
	case slug != "":
		d, ok := departmentMap(u.router)[slug]
		if !ok {
			u.fail(w, r, http.StatusNotFound, "error.notfound")
			return
		}
		if !v.sees(slug) {
			u.fail(w, r, http.StatusForbidden, "error.forbidden")
			return
		}
		data.Queue, data.QueueName, f.Department = slug, d.Name, slug
	}
	page, err := u.store.Messages(r.Context(), f)
	if errors.Is(err, store.ErrBadCursor) {
		u.fail(w, r, http.StatusBadRequest, "error.filter")
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	data.Rows, data.Filter, data.NextCursor = u.rows(r, page.Items), f, page.NextCursor
	data.Filtered = f.Class != "" || f.Sentiment != "" || f.Lang != "" || f.Community != "" || f.Channel != "" || f.Status != "" || f.Query != ""
	if page.NextCursor != "" {
		q := r.URL.Query()
		q.Set("cursor", page.NextCursor)
		data.MoreHref = r.URL.Path + "?" + q.Encode()
	}
	p := u.newPage(r, "inbox.title")
	p.Data, p.InboxSearch = data, true
	u.render(w, http.StatusOK, "inbox.html", p)
}

// rows adds each message's SLA countdown and assignee's name.
func (u *UI) rows(r *http.Request, ms []message.Message) []row {
	deps, now := departmentMap(u.router), time.Now()
	names := map[int64]string{}
	out := make([]row, len(ms))
	for i := range ms {
		out[i] = row{Message: ms[i], SLA: slaOf(deps, &ms[i], now)}
		if id := ms[i].AssigneeID; id != 0 {
			if _, ok := names[id]; !ok {
				names[id] = u.userName(r, id)
			}
			out[i].Assignee = names[id]
		}
	}
	return out
}

func (u *UI) userName(r *http.Request, id int64) string {
	usr, err := u.store.UserByID(r.Context(), id)
	if err != nil {
		return "#?"
	}
	if usr.Name != "" {
		return usr.Name
	}
	return usr.Email
}
