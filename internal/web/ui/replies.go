package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// canReview reports whether a role approves replies: reviewers, leads and admins.
func canReview(r access.Role) bool {
	return r == access.Reviewer || r == access.Lead || r == access.Admin
}

// addReply records the agent's reply. When the message requires approval
// (legal, crisis…) it waits for a reviewer; otherwise it goes to the
// outbound stream at once.
func (u *UI) addReply(w http.ResponseWriter, r *http.Request) {
	m, ok := u.workableMessage(w, r)
	if !ok {
		return
	}
	body := strings.TrimSpace(r.PostFormValue("body"))
	if body == "" || len(body) > maxBody {
		u.fail(w, r, http.StatusBadRequest, "error.reply")
		return
	}
	rp, err := u.store.CreateReply(r.Context(), viewerOf(r.Context()).actor(), m.ID, body, m.RequiresApproval)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	u.learnUse(r, r.PostFormValue("answer_id"), &m)
	if rp.Status == store.ReplyQueued {
		if err := u.bus.QueueReply(r.Context(), rp.ID); err != nil {
			u.serverError(w, r, err)
			return
		}
	}
	back(w, r, m.ID)
}

// reviewQueue lists the replies waiting for the viewer's approval.
func (u *UI) reviewQueue(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	if !canReview(v.Role) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	pending, err := u.store.PendingReplies(r.Context(), v.scope())
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	p := u.newPage(r, "review.title")
	p.Data = pending
	u.render(w, http.StatusOK, "review.html", p)
}

// reviewable loads a reply the viewer may review: pending, in their
// departments, and not their own (four eyes).
func (u *UI) reviewable(w http.ResponseWriter, r *http.Request) (store.Reply, bool) {
	v := viewerOf(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	rp, err2 := u.store.Reply(r.Context(), id)
	if err != nil || err2 != nil {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return rp, false
	}
	m, err := u.store.Message(r.Context(), rp.MessageID)
	if err != nil {
		u.serverError(w, r, err)
		return rp, false
	}
	switch {
	case !canReview(v.Role) || !v.sees(m.Department):
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
	case rp.AuthorID == v.ID:
		u.fail(w, r, http.StatusForbidden, "error.ownreply")
	case rp.Status != store.ReplyPendingApproval:
		u.fail(w, r, http.StatusConflict, "error.notpending")
	default:
		return rp, true
	}
	return rp, false
}

func (u *UI) approve(w http.ResponseWriter, r *http.Request) {
	rp, ok := u.reviewable(w, r)
	if !ok {
		return
	}
	if err := u.store.ApproveReply(r.Context(), viewerOf(r.Context()).actor(), rp.ID); err != nil {
		u.fail(w, r, http.StatusConflict, "error.notpending")
		return
	}
	if err := u.bus.QueueReply(r.Context(), rp.ID); err != nil {
		u.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/review", http.StatusSeeOther)
}

func (u *UI) reject(w http.ResponseWriter, r *http.Request) {
	rp, ok := u.reviewable(w, r)
	if !ok {
		return
	}
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	if comment == "" || len(comment) > maxBody {
		u.fail(w, r, http.StatusBadRequest, "error.comment")
		return
	}
	if err := u.store.RejectReply(r.Context(), viewerOf(r.Context()).actor(), rp.ID, comment); err != nil {
		u.fail(w, r, http.StatusConflict, "error.notpending")
		return
	}
	http.Redirect(w, r, "/review", http.StatusSeeOther)
}
