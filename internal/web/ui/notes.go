package ui

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// maxBody bounds notes, replies and review comments.
const maxBody = 5000

var mentionPattern = regexp.MustCompile(`@([A-Za-z0-9._%+-]+(?:@[A-Za-z0-9.-]+)?)`)

// addNote records an internal note; @name mentions a colleague by the part of
// their email before the @ (or the whole email), in any department.
func (u *UI) addNote(w http.ResponseWriter, r *http.Request) {
	m, ok := u.visibleMessage(w, r)
	if !ok {
		return
	}
	body := strings.TrimSpace(r.PostFormValue("body"))
	if body == "" || len(body) > maxBody {
		u.fail(w, r, http.StatusBadRequest, "error.note")
		return
	}
	mentions, err := u.mentions(r, body)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	v := viewerOf(r.Context())
	if _, err := u.store.CreateNote(r.Context(), v.actor(), store.Note{MessageID: m.ID, AuthorID: v.ID, Body: body, Mentions: mentions}); err != nil {
		u.serverError(w, r, err)
		return
	}
	back(w, r, m.ID)
}

// mentions finds the users named in a note.
func (u *UI) mentions(r *http.Request, body string) ([]int64, error) {
	found := mentionPattern.FindAllStringSubmatch(body, 20)
	if len(found) == 0 {
		return nil, nil
	}
	users, err := u.store.Users(r.Context())
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, f := range found {
		name := strings.ToLower(strings.TrimRight(f[1], "."))
		for _, usr := range users {
			local, _, _ := strings.Cut(usr.Email, "@")
			if (name == local || name == usr.Email) && !usr.Disabled && !seen[usr.ID] {
				seen[usr.ID] = true
				ids = append(ids, usr.ID)
			}
		}
	}
	return ids, nil
}

// mentionsPage lists the notes that mention the viewer, newest first.
func (u *UI) mentionsPage(w http.ResponseWriter, r *http.Request) {
	notes, err := u.store.Mentions(r.Context(), viewerOf(r.Context()).ID, 100)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	p := u.newPage(r, "mentions.title")
	p.Data = notes
	u.render(w, http.StatusOK, "mentions.html", p)
}
