package ui

import (
	"errors"
	"net/http"
	"os"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/caseexport"
	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// caseData is what the case page of a conversation shows.
type caseData struct {
	M       message.Message
	Targets []store.CaseTarget
	Cases   []store.Case
	Target  string              // the target chosen for a preview
	Preview *caseexport.Request // the request it would receive
	Result  *store.Case         // the case just made or refused
	Problem string              // why it was refused, as the external system or the check said
	Exists  bool                // the conversation already has a case there: offer to force
}

// exporter sends cases with SWITCHBOARD_SECRET_KEY and SWITCHBOARD_BASE_URL.
func (u *UI) exporter() (*caseexport.Exporter, error) {
	keys, err := channel.KeyringFromEnv()
	if err != nil {
		return nil, err
	}
	return &caseexport.Exporter{Store: u.store, Keys: keys, BaseURL: os.Getenv("SWITCHBOARD_BASE_URL")}, nil
}

// exportableMessage is visibleMessage for case export: the viewer may export
// and sees the message's department.
func (u *UI) exportableMessage(w http.ResponseWriter, r *http.Request) (message.Message, bool) {
	m, ok := u.visibleMessage(w, r)
	if !ok {
		return m, false
	}
	v := viewerOf(r.Context())
	if !v.Role.Can(access.ExportCases) || !v.sees(m.Department) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return m, false
	}
	return m, true
}

// casePage lists the conversation's cases and the targets; ?target= previews.
func (u *UI) casePage(w http.ResponseWriter, r *http.Request) {
	m, ok := u.exportableMessage(w, r)
	if !ok {
		return
	}
	d := &caseData{M: m, Target: r.URL.Query().Get("target")}
	if d.Target != "" {
		u.previewCase(r, d)
	}
	u.showCases(w, r, d, http.StatusOK)
}

func (u *UI) previewCase(r *http.Request, d *caseData) {
	e, err := u.exporter()
	if err == nil {
		var req caseexport.Request
		if req, err = e.Preview(r.Context(), d.Target, d.M.ID); err == nil {
			d.Preview = &req
		}
	}
	if err != nil {
		d.Problem = err.Error()
	}
}

// showCases loads the targets and cases and renders the page.
func (u *UI) showCases(w http.ResponseWriter, r *http.Request, d *caseData, code int) {
	var err error
	if d.Targets, err = u.store.CaseTargets(r.Context()); err == nil {
		d.Cases, err = u.store.Cases(r.Context(), d.M.ThreadID)
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	p := u.newPage(r, "case.title")
	p.Data = d
	u.render(w, code, "case.html", p)
}

// createCase sends the conversation to the chosen target and shows the
// result: the case, or why the system refused it.
func (u *UI) createCase(w http.ResponseWriter, r *http.Request) {
	m, ok := u.exportableMessage(w, r)
	if !ok {
		return
	}
	d := &caseData{M: m, Target: r.PostFormValue("target")}
	e, err := u.exporter()
	if err == nil {
		var c store.Case
		c, err = e.Create(r.Context(), viewerOf(r.Context()).actor(), d.Target, m.ID, r.PostFormValue("force") == "1")
		d.Result = &c
		if err == nil && c.Status == store.CaseFailed {
			err = errors.New(c.Error)
		}
	}
	code := http.StatusOK
	switch {
	case errors.Is(err, store.ErrCaseExists):
		d.Exists, d.Problem, code = true, err.Error(), http.StatusConflict
	case errors.Is(err, caseexport.ErrInvalid):
		d.Result, d.Problem, code = nil, err.Error(), http.StatusBadRequest
	case err != nil && d.Result != nil && d.Result.ID != 0:
		d.Problem, code = err.Error(), http.StatusBadGateway
	case err != nil:
		d.Result, d.Problem, code = nil, err.Error(), http.StatusServiceUnavailable
	}
	u.showCases(w, r, d, code)
}
