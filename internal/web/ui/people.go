package ui

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// registerPeople adds the people pages: search, profiles, segments.
func (u *UI) registerPeople(mux *http.ServeMux) {
	mux.Handle("GET /people", u.signedIn(u.peopleSearch))
	mux.Handle("GET /people/{id}", u.signedIn(u.profilePage))
	mux.Handle("GET /people/by-author/{id}", u.signedIn(u.profileOfAuthor))
	mux.Handle("POST /people/{id}/bio", u.signedIn(u.personAction(u.setBio)))
	mux.Handle("POST /people/{id}/tags", u.signedIn(u.personAction(u.addTag)))
	mux.Handle("POST /people/{id}/untag", u.signedIn(u.personAction(u.removeTag)))
	mux.Handle("POST /people/{id}/notes", u.signedIn(u.personAction(u.addPersonNote)))
	mux.Handle("POST /people/{id}/fields", u.signedIn(u.personAction(u.setFields)))
	mux.Handle("POST /people/{id}/merge", u.signedIn(u.personAction(u.mergeInto)))
	mux.Handle("POST /people/{id}/unmerge", u.signedIn(u.personAction(u.unmerge)))
	mux.Handle("GET /segments", u.signedIn(u.segmentsPage))
	mux.Handle("POST /segments", u.signedIn(u.saveSegment))
	mux.Handle("GET /segments/{id}", u.signedIn(u.segmentPage))
}

// profileData is what a profile page shows.
type profileData struct {
	store.Profile
	Chart    sentimentChart
	AllField []store.CustomField
	Values   map[string]string
	Refused  string
	CanWrite bool
	CanMerge bool
}

func (u *UI) profilePage(w http.ResponseWriter, r *http.Request) {
	u.showProfile(w, r, http.StatusOK, "")
}

func (u *UI) showProfile(w http.ResponseWriter, r *http.Request, code int, refused string) {
	v := viewerOf(r.Context())
	if !v.Role.Can(access.ReadPeople) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	d, err := u.profileData(r.Context(), v, id)
	if errors.Is(err, store.ErrNotFound) {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	d.Refused = refused
	p := u.newPage(r, "people.profile")
	p.Data = d
	u.render(w, code, "person.html", p)
}

func (u *UI) profileData(ctx context.Context, v viewer, id int64) (*profileData, error) {
	pr, err := u.store.ProfileIn(ctx, id, v.scope())
	if err != nil {
		return nil, err
	}
	d := &profileData{Profile: pr, Chart: sentimentChartOf(pr.Sentiment), Values: map[string]string{},
		CanWrite: v.Role.Can(access.WritePeople), CanMerge: v.Role.Can(access.Privacy)}
	for _, f := range pr.Fields {
		d.Values[f.Key] = f.Value
	}
	d.AllField, err = u.store.CustomFields(ctx)
	return d, err
}

// profileOfAuthor opens the profile of an author's person, giving a lone
// author a person of their own first.
func (u *UI) profileOfAuthor(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	if !v.Role.Can(access.ReadPeople) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	aid, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	pid, err := u.store.PersonOfAuthor(r.Context(), v.actor(), aid)
	if errors.Is(err, store.ErrNotFound) {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/people/"+strconv.FormatInt(pid, 10), http.StatusSeeOther)
}

// personAction runs a change on a person and goes back to the profile; bad
// input shows the profile again with the reason (400), nothing changed.
func (u *UI) personAction(act func(r *http.Request, id int64, v viewer) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := viewerOf(r.Context())
		if !v.Role.Can(access.WritePeople) {
			u.fail(w, r, http.StatusForbidden, "error.forbidden")
			return
		}
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			u.fail(w, r, http.StatusNotFound, "error.notfound")
			return
		}
		err = act(r, id, v)
		switch {
		case errors.Is(err, errForbidden):
			u.fail(w, r, http.StatusForbidden, "error.forbidden")
		case errors.Is(err, store.ErrInvalidValue), errors.Is(err, store.ErrConflict), errors.Is(err, store.ErrNoIdentities):
			u.showProfile(w, r, http.StatusBadRequest, err.Error())
		case errors.Is(err, store.ErrNotFound):
			u.fail(w, r, http.StatusNotFound, "error.notfound")
		case err != nil:
			u.serverError(w, r, err)
		default:
			http.Redirect(w, r, "/people/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		}
	}
}

var errForbidden = errors.New("forbidden")

func (u *UI) setBio(r *http.Request, id int64, v viewer) error {
	return u.store.SetBio(r.Context(), v.actor(), id, r.PostFormValue("bio"))
}

func (u *UI) addTag(r *http.Request, id int64, v viewer) error {
	_, err := u.store.AddTag(r.Context(), v.actor(), id, r.PostFormValue("tag"))
	return err
}

func (u *UI) removeTag(r *http.Request, id int64, v viewer) error {
	return u.store.RemoveTag(r.Context(), v.actor(), id, r.PostFormValue("tag"))
}

func (u *UI) addPersonNote(r *http.Request, id int64, v viewer) error {
	_, err := u.store.AddPersonNote(r.Context(), v.actor(), id, r.PostFormValue("body"))
	return err
}

// setFields sets every custom field the form carries (field.KEY); a
// checkbox not ticked is false.
func (u *UI) setFields(r *http.Request, id int64, v viewer) error {
	fields, err := u.store.CustomFields(r.Context())
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return store.ErrInvalidValue
	}
	values := map[string]string{}
	for _, f := range fields {
		val, ok := r.PostForm["field."+f.Key]
		switch {
		case f.Type == store.FieldCheckbox:
			values[f.Key] = strconv.FormatBool(ok && len(val) > 0 && val[0] == "on")
		case ok && len(val) > 0:
			values[f.Key] = val[0]
		}
	}
	_, err = u.store.SetPersonFields(r.Context(), v.actor(), id, values)
	return err
}

// mergeInto merges another person into this one (privacy permission).
func (u *UI) mergeInto(r *http.Request, id int64, v viewer) error {
	if !v.Role.Can(access.Privacy) {
		return errForbidden
	}
	from, err := strconv.ParseInt(r.PostFormValue("person_id"), 10, 64)
	if err != nil || from <= 0 {
		return store.ErrInvalidValue
	}
	_, err = u.store.MergePeople(r.Context(), v.actor(), id, from)
	return err
}

func (u *UI) unmerge(r *http.Request, id int64, v viewer) error {
	if !v.Role.Can(access.Privacy) {
		return errForbidden
	}
	aid, err := strconv.ParseInt(r.PostFormValue("author_id"), 10, 64)
	if err != nil || aid <= 0 {
		return store.ErrInvalidValue
	}
	_, err = u.store.UnmergeIdentity(r.Context(), v.actor(), id, aid)
	return err
}

// peopleData is what the people search and a segment's page show.
type peopleData struct {
	Filter   store.SegmentFilter
	Segment  *store.Segment
	Segments []store.Segment
	Members  []store.SegmentMember
	Total    int
	Refused  string
	Query    string // the filter as URL parameters, to save it
}

// filterOf reads a segment filter from a form or query.
func filterOf(q url.Values) store.SegmentFilter {
	f := store.SegmentFilter{Query: q.Get("q"), Tag: q.Get("tag"), Community: q.Get("community"), Language: q.Get("language"), Sentiment: q.Get("sentiment")}
	f.MinFollowers, _ = strconv.ParseInt(q.Get("min_followers"), 10, 64)
	f.SeenWithinDays, _ = strconv.Atoi(q.Get("seen_within_days"))
	f.MinComplaints, _ = strconv.Atoi(q.Get("min_complaints"))
	if k := q.Get("field_key"); k != "" {
		f.Fields = []store.FieldCondition{{Key: k, Op: q.Get("field_op"), Value: q.Get("field_value")}}
	}
	return f
}

func (u *UI) peopleSearch(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	if !v.Role.Can(access.ReadPeople) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	d := peopleData{Filter: filterOf(r.URL.Query()), Query: r.URL.RawQuery}
	u.showPeople(w, r, d)
}

func (u *UI) showPeople(w http.ResponseWriter, r *http.Request, d peopleData) {
	v := viewerOf(r.Context())
	code := http.StatusOK
	var err error
	d.Members, d.Total, err = u.store.SegmentMembers(r.Context(), d.Filter, 200)
	if errors.Is(err, store.ErrInvalidValue) {
		code, d.Refused = http.StatusBadRequest, err.Error()
	} else if err != nil {
		u.serverError(w, r, err)
		return
	}
	if d.Segments, err = u.store.Segments(r.Context(), v.ID, v.Role == access.Admin); err != nil {
		u.serverError(w, r, err)
		return
	}
	p := u.newPage(r, "people.title")
	p.Data = d
	u.render(w, code, "people.html", p)
}

func (u *UI) segmentsPage(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/people", http.StatusSeeOther)
}

// saveSegment saves the filter of the form as a segment.
func (u *UI) saveSegment(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	if !v.Role.Can(access.WritePeople) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	if err := r.ParseForm(); err != nil {
		u.fail(w, r, http.StatusBadRequest, "error.filter")
		return
	}
	seg := store.Segment{Name: r.PostFormValue("name"), Filter: filterOf(r.PostForm), Shared: r.PostFormValue("shared") == "on"}
	saved, err := u.store.SaveSegment(r.Context(), v.actor(), seg)
	if errors.Is(err, store.ErrInvalidValue) {
		u.showPeople(w, r, peopleData{Filter: seg.Filter, Refused: err.Error()})
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/segments/"+strconv.FormatInt(saved.ID, 10), http.StatusSeeOther)
}

// segmentPage lists a segment's members and count.
func (u *UI) segmentPage(w http.ResponseWriter, r *http.Request) {
	v := viewerOf(r.Context())
	if !v.Role.Can(access.ReadPeople) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	seg, err := u.store.Segment(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !seg.Shared && seg.OwnerID != v.ID && v.Role != access.Admin) {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	u.showPeople(w, r, peopleData{Filter: seg.Filter, Segment: &seg})
}
