package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
	"github.com/switchboard-crm/switchboard/internal/knowledge"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// registerCrisis adds the crisis room's routes.
func (u *UI) registerCrisis(mux *http.ServeMux) {
	mux.Handle("GET /crisis", u.signedIn(u.incidents))
	mux.Handle("GET /crisis/{id}", u.signedIn(u.incidentRoom))
	mux.Handle("POST /crisis/{id}/acknowledge", u.signedIn(u.incidentAction(u.ackIncident)))
	mux.Handle("POST /crisis/{id}/owner", u.signedIn(u.incidentAction(u.ownIncident)))
	mux.Handle("POST /crisis/{id}/holding", u.signedIn(u.incidentAction(u.holdIncident)))
	mux.Handle("POST /crisis/{id}/close", u.signedIn(u.incidentAction(u.closeIncident)))
}

// incidents lists open incidents, then the recently closed ones.
func (u *UI) incidents(w http.ResponseWriter, r *http.Request) {
	if !viewerOf(r.Context()).Role.Can(access.ReadIncidents) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	list, err := u.store.Incidents(r.Context(), "", 100)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	p := u.newPage(r, "crisis.title")
	p.Data = list
	u.render(w, http.StatusOK, "crisis.html", p)
}

// roomData is what the crisis room of one incident shows.
type roomData struct {
	incident.Report
	Chart       chart
	AlertList   []crisis.Alert
	Users       []store.User
	KeyMessages []knowledge.Record
	Refused     string // why the last action was refused
}

// incidentRoom shows one incident: live timeline, terms, authors, samples,
// notifications, and the executives' actions.
func (u *UI) incidentRoom(w http.ResponseWriter, r *http.Request) {
	u.showRoom(w, r, http.StatusOK, "")
}

func (u *UI) showRoom(w http.ResponseWriter, r *http.Request, code int, refused string) {
	if !viewerOf(r.Context()).Role.Can(access.ReadIncidents) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	d, err := u.roomData(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	d.Refused = refused
	p := u.newPage(r, "crisis.room")
	p.Data = d
	u.render(w, code, "crisis_room.html", p)
}

func (u *UI) roomData(ctx context.Context, id int64) (roomData, error) {
	rep, err := incident.BuildReport(ctx, u.store, id, crisis.DefaultConfig().Bucket)
	if err != nil {
		return roomData{}, err
	}
	d := roomData{Report: rep, Chart: chartOf(rep.Timeline)}
	if err := json.Unmarshal(rep.Alerts, &d.AlertList); err != nil {
		return d, fmt.Errorf("incident %d alerts: %w", id, err)
	}
	if d.Users, err = u.store.Users(ctx); err != nil {
		return d, err
	}
	d.KeyMessages, err = u.store.Answers(ctx, store.AnswerFilter{Kind: knowledge.KindKeyMessage, State: knowledge.StateApproved, Limit: 200})
	return d, err
}

// incidentAction runs an executive's action and goes back to the room; a
// refused one shows the room again with the reason.
func (u *UI) incidentAction(act func(r *http.Request, id int64, v viewer) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := viewerOf(r.Context())
		if !v.Role.Can(access.ManageIncidents) {
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
		case errors.Is(err, store.ErrInvalidIncident), errors.Is(err, store.ErrIncidentClosed):
			u.showRoom(w, r, http.StatusBadRequest, err.Error())
		case errors.Is(err, store.ErrNotFound):
			u.fail(w, r, http.StatusNotFound, "error.notfound")
		case err != nil:
			u.serverError(w, r, err)
		default:
			http.Redirect(w, r, "/crisis/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
		}
	}
}

func (u *UI) ackIncident(r *http.Request, id int64, v viewer) error {
	return u.store.AcknowledgeIncident(r.Context(), v.actor(), id)
}

func (u *UI) ownIncident(r *http.Request, id int64, v viewer) error {
	uid, err := strconv.ParseInt(r.PostFormValue("user_id"), 10, 64)
	if err != nil {
		uid = v.ID
	}
	return u.store.SetIncidentOwner(r.Context(), v.actor(), id, uid)
}

func (u *UI) holdIncident(r *http.Request, id int64, v viewer) error {
	return u.store.SetHoldingStatement(r.Context(), v.actor(), id, r.PostFormValue("text"), r.PostFormValue("answer_id"))
}

func (u *UI) closeIncident(r *http.Request, id int64, v viewer) error {
	if err := u.store.CloseIncident(r.Context(), v.actor(), id, r.PostFormValue("postmortem")); err != nil {
		return err
	}
	return u.reloadRules(r.Context())
}

// reloadRules applies the rules without the closed incident's, here and,
// through NATS, in every process.
func (u *UI) reloadRules(ctx context.Context) error {
	cfg, err := u.store.RoutingConfig(ctx)
	if err != nil {
		return err
	}
	if err := u.router.Set(cfg); err != nil {
		return err
	}
	if u.bus != nil {
		if err := u.bus.Conn().Publish(u.bus.ConfigSubject, nil); err != nil {
			u.log.Warn("announce routing change", "err", err)
		}
	}
	return nil
}
