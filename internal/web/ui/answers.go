package ui

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// answersData is what the library pages show.
type answersData struct {
	Items       []knowledge.Record
	Filter      store.AnswerFilter
	Edit        knowledge.Record
	Versions    []store.AnswerVersion
	Uses        int
	New         bool
	Classes     []message.Class
	Departments []route.Department
	Expires     string // yyyy-mm-dd
}

func (u *UI) may(w http.ResponseWriter, r *http.Request, perm access.Permission) bool {
	if !viewerOf(r.Context()).Role.Can(perm) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return false
	}
	return true
}

func (u *UI) answersPage(w http.ResponseWriter, r *http.Request, code int, name, problem string, d answersData) {
	d.Classes, d.Departments = message.Classes, u.router.Config().Departments
	if !d.Edit.ExpiresAt.IsZero() {
		d.Expires = d.Edit.ExpiresAt.UTC().Format(time.DateOnly)
	}
	p := u.newPage(r, "answers.title")
	p.Error, p.Data = problem, d
	u.render(w, code, name, p)
}

// answers lists the library: answers and key messages, by state and language.
func (u *UI) answers(w http.ResponseWriter, r *http.Request) {
	if !u.may(w, r, access.ReadAnswers) {
		return
	}
	q := r.URL.Query()
	f := store.AnswerFilter{Kind: knowledge.Kind(q.Get("kind")), State: knowledge.State(q.Get("state")), Language: q.Get("language"), Limit: 500}
	if (f.Kind != "" && !f.Kind.Valid()) || (f.State != "" && !f.State.Valid()) || (f.Language != "" && !tokenPattern.MatchString(f.Language)) {
		u.fail(w, r, http.StatusBadRequest, "error.filter")
		return
	}
	items, err := u.store.Answers(r.Context(), f)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	u.answersPage(w, r, http.StatusOK, "answers.html", "", answersData{Items: items, Filter: f})
}

func (u *UI) newAnswer(w http.ResponseWriter, r *http.Request) {
	if u.may(w, r, access.WriteAnswers) {
		rec := knowledge.Record{Kind: knowledge.KindAnswer}
		rec.Language = langOf(r)
		u.answersPage(w, r, http.StatusOK, "answer.html", "", answersData{Edit: rec, New: true})
	}
}

func (u *UI) answer(w http.ResponseWriter, r *http.Request) {
	if !u.may(w, r, access.ReadAnswers) {
		return
	}
	id := r.PathValue("id")
	rec, err := u.store.Answer(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	versions, err := u.store.AnswerVersions(r.Context(), id)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	uses, _ := u.store.AnswerUses(r.Context(), id)
	u.answersPage(w, r, http.StatusOK, "answer.html", "", answersData{Edit: rec, Versions: versions, Uses: uses})
}

// answerForm reads an answer from the form. Only people who approve may
// save it approved; any other save makes it a draft to be reviewed.
func answerForm(r *http.Request, v viewer) (knowledge.Record, string) {
	r.ParseForm()
	rec := knowledge.Record{Kind: knowledge.Kind(r.PostFormValue("kind"))}
	rec.ID = strings.TrimSpace(r.PostFormValue("id"))
	rec.Title, rec.Body = strings.TrimSpace(r.PostFormValue("title")), strings.TrimSpace(r.PostFormValue("body"))
	rec.Language = strings.TrimSpace(r.PostFormValue("language"))
	for _, c := range r.PostForm["classes"] {
		rec.Classes = append(rec.Classes, message.Class(c))
	}
	rec.Departments = r.PostForm["departments"]
	rec.Communities, rec.Tags = commaList(r.PostFormValue("communities")), commaList(r.PostFormValue("tags"))
	for _, l := range strings.Split(r.PostFormValue("examples"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			rec.Examples = append(rec.Examples, l)
		}
	}
	rec.State = knowledge.StateDraft
	if r.PostFormValue("approve") == "on" && v.Role.Can(access.ApproveAnswers) {
		rec.State = knowledge.StateApproved
	}
	rec.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	if e := strings.TrimSpace(r.PostFormValue("expires")); e != "" {
		t, err := time.Parse(time.DateOnly, e)
		if err != nil {
			return rec, "answers.badexpiry"
		}
		rec.ExpiresAt = t.UTC()
	}
	if rec.Title == "" || rec.Body == "" {
		return rec, "answers.missing"
	}
	return rec, ""
}

func commaList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func (u *UI) createAnswer(w http.ResponseWriter, r *http.Request) {
	if !u.may(w, r, access.WriteAnswers) {
		return
	}
	v := viewerOf(r.Context())
	rec, problem := answerForm(r, v)
	if rec.ID == "" {
		rec.ID = newAnswerID()
	}
	if problem == "" {
		saved, err := u.store.CreateAnswer(r.Context(), v.actor(), rec)
		if err == nil {
			u.answerChanged(saved)
			http.Redirect(w, r, "/answers/"+saved.ID, http.StatusSeeOther)
			return
		}
		problem = answerProblem(err)
	}
	u.answersPage(w, r, http.StatusBadRequest, "answer.html", problem, answersData{Edit: rec, New: true})
}

func (u *UI) updateAnswer(w http.ResponseWriter, r *http.Request) {
	if !u.may(w, r, access.WriteAnswers) {
		return
	}
	v := viewerOf(r.Context())
	rec, problem := answerForm(r, v)
	rec.ID = r.PathValue("id")
	if problem == "" {
		saved, err := u.store.UpdateAnswer(r.Context(), v.actor(), rec)
		if err == nil {
			u.answerChanged(saved)
			http.Redirect(w, r, "/answers/"+saved.ID, http.StatusSeeOther)
			return
		}
		problem = answerProblem(err)
	}
	u.answersPage(w, r, http.StatusBadRequest, "answer.html", problem, answersData{Edit: rec})
}

// setAnswerState approves, retires or returns an answer to draft.
func (u *UI) setAnswerState(w http.ResponseWriter, r *http.Request) {
	if !u.may(w, r, access.ApproveAnswers) {
		return
	}
	st := knowledge.State(r.PostFormValue("state"))
	if !st.Valid() {
		u.fail(w, r, http.StatusBadRequest, "answers.badstate")
		return
	}
	saved, err := u.store.SetAnswerState(r.Context(), viewerOf(r.Context()).actor(), r.PathValue("id"), st)
	if errors.Is(err, store.ErrNotFound) {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	if err != nil {
		u.fail(w, r, http.StatusBadRequest, answerProblem(err))
		return
	}
	u.answerChanged(saved)
	http.Redirect(w, r, "/answers/"+saved.ID, http.StatusSeeOther)
}

func answerProblem(err error) string {
	switch {
	case errors.Is(err, store.ErrStale):
		return "answers.stale"
	case errors.Is(err, store.ErrConflict):
		return "answers.exists"
	case errors.Is(err, knowledge.ErrInvalidAnswer):
		return "answers.invalid"
	}
	return "error.server"
}

// answerChanged puts the stored answer in the suggestion index (drafts and
// retired answers leave it) and tells the other processes, as the API does.
func (u *UI) answerChanged(rec knowledge.Record) {
	if u.library != nil {
		if err := u.library.Put(rec.Answer); err != nil {
			u.log.Warn("answers index", "answer", rec.ID, "err", err)
		}
	}
	if u.bus == nil {
		return
	}
	subject := strings.TrimSuffix(u.bus.ConfigSubject, "config.changed") + "answers.changed"
	raw, _ := json.Marshal(map[string]any{"origin": "inbox-" + newAnswerID(), "ids": []string{rec.ID}})
	if err := u.bus.Conn().Publish(subject, raw); err != nil {
		u.log.Warn("announce answers change", "err", err)
	}
}

func newAnswerID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "a-" + hex.EncodeToString(b)
}
