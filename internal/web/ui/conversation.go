package ui

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// conversationData is what the conversation page shows.
type conversationData struct {
	M           message.Message
	SLA         slaView
	Department  string
	Assignee    string
	Parent      *message.Message
	Thread      []message.Message
	History     []message.Message
	Decisions   []store.Decision
	Notes       []store.Note
	Replies     []replyView
	Draft       string
	Agents      []store.User
	Departments []route.Department
	Classes     []message.Class
	Statuses    []message.Status
	Priorities  []message.Priority
	Suggestions []Suggestion
	CanWork     bool
	Person      *personCard // the author card, fed by the author's person
}

// replyView is a reply with its author's and reviewer's names.
type replyView struct {
	store.Reply
	AuthorName, ReviewerName string
}

// visibleMessage loads the message of the path, answering 404 or 403 itself
// when there is none or the viewer may not see it.
func (u *UI) visibleMessage(w http.ResponseWriter, r *http.Request) (message.Message, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return message.Message{}, false
	}
	m, err := u.store.Message(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return m, false
	}
	if err != nil {
		u.serverError(w, r, err)
		return m, false
	}
	v := viewerOf(r.Context())
	if !v.sees(m.Department) {
		if ok, _ := u.store.IsMentioned(r.Context(), m.ID, v.ID); !ok {
			u.fail(w, r, http.StatusForbidden, "error.forbidden")
			return m, false
		}
	}
	return m, true
}

// workableMessage is visibleMessage for changes: the viewer must also work
// messages and belong to the message's department.
func (u *UI) workableMessage(w http.ResponseWriter, r *http.Request) (message.Message, bool) {
	m, ok := u.visibleMessage(w, r)
	if !ok {
		return m, false
	}
	v := viewerOf(r.Context())
	if !v.Role.Can(access.WorkMessages) || !v.sees(m.Department) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return m, false
	}
	return m, true
}

func (u *UI) conversation(w http.ResponseWriter, r *http.Request) {
	m, ok := u.visibleMessage(w, r)
	if !ok {
		return
	}
	v := viewerOf(r.Context())
	u.here(m.ID, v)
	d, err := u.conversationData(r, m)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	d.CanWork = v.Role.Can(access.WorkMessages) && v.sees(m.Department)
	p := u.newPage(r, "conversation.title")
	p.Data = d
	u.render(w, http.StatusOK, "conversation.html", p)
}

func (u *UI) conversationData(r *http.Request, m message.Message) (*conversationData, error) {
	ctx := r.Context()
	deps := departmentMap(u.router)
	d := &conversationData{M: m, SLA: slaOf(deps, &m, time.Now()), Department: deps[m.Department].Name,
		Departments: u.router.Config().Departments, Classes: message.Classes,
		Statuses:   []message.Status{message.StatusNew, message.StatusOpen, message.StatusWaiting, message.StatusResolved},
		Priorities: []message.Priority{message.PriorityLow, message.PriorityNormal, message.PriorityHigh, message.PriorityUrgent}}
	if m.AssigneeID != 0 {
		d.Assignee = u.userName(r, m.AssigneeID)
	}
	var err error
	if d.Thread, err = u.store.Thread(ctx, m.ThreadID); err != nil {
		return nil, err
	}
	for i := range d.Thread {
		if m.InReplyTo != "" && d.Thread[i].ExternalID == m.InReplyTo {
			d.Parent = &d.Thread[i]
		}
	}
	if d.History, err = u.store.AuthorMessages(ctx, m.ID, 10); err != nil {
		return nil, err
	}
	if d.Decisions, err = u.store.Decisions(ctx, m.ID); err != nil {
		return nil, err
	}
	if d.Notes, err = u.store.Notes(ctx, m.ID); err != nil {
		return nil, err
	}
	if err := u.loadReplies(r, d); err != nil {
		return nil, err
	}
	d.Agents, err = u.agentsOf(r, m.Department)
	d.Suggestions = u.suggestions(r, &m)
	d.Person = u.cardOf(ctx, m)
	return d, err
}

func (u *UI) loadReplies(r *http.Request, d *conversationData) error {
	replies, err := u.store.Replies(r.Context(), d.M.ID)
	if err != nil {
		return err
	}
	for _, rp := range replies {
		rv := replyView{Reply: rp, AuthorName: u.userName(r, rp.AuthorID)}
		if rp.ReviewerID != 0 {
			rv.ReviewerName = u.userName(r, rp.ReviewerID)
		}
		d.Replies = append(d.Replies, rv)
	}
	if n := len(replies); n > 0 && replies[n-1].Status == store.ReplyRejected {
		d.Draft = replies[n-1].Body
	}
	return nil
}

// agentsOf lists the active people who may be given a message of the department.
func (u *UI) agentsOf(r *http.Request, dep string) ([]store.User, error) {
	all, err := u.store.Users(r.Context())
	if err != nil {
		return nil, err
	}
	var out []store.User
	for _, usr := range all {
		role := access.Role(usr.Role)
		if usr.Disabled || !role.Can(access.WorkMessages) {
			continue
		}
		if role.SeesAllDepartments() || contains(usr.Departments, dep) {
			out = append(out, usr)
		}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func displayName(usr store.User) string {
	if usr.Name != "" {
		return usr.Name
	}
	return usr.Email
}
