package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/report"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// registerReport adds the page of a community's weekly e-mail report.
func (u *UI) registerReport(mux *http.ServeMux) {
	mux.Handle("GET /communities/{slug}/report", u.signedIn(u.reportManager(u.reportPage)))
	mux.Handle("POST /communities/{slug}/report", u.signedIn(u.reportManager(u.saveReportSettings)))
	mux.Handle("GET /communities/{slug}/report/preview", u.signedIn(u.reportManager(u.reportPreview)))
	mux.Handle("POST /communities/{slug}/report/send", u.signedIn(u.reportManager(u.sendReportNow)))
}

// reportData is what the report page shows.
type reportData struct {
	Community store.Community
	Form      reportForm
	Saved     bool // settings exist in the store
	Sent      []sentRow
	Refused   string // why the settings were not saved
	SendError string // why "send now" failed
	Notice    string // a message key after a change
	Weekdays  []int
}

// sentRow is one report sent or tried; Manual when it was "send now"
// (whose week key is "now:" and the moment).
type sentRow struct {
	store.SentReport
	Manual bool
}

// reportForm is the settings as the form shows them (or as typed, when refused).
type reportForm struct {
	Recipients string
	Weekday    string
	Hour       string
	TimeZone   string
	Lang       string
	Enabled    bool
}

func formOf(rs store.ReportSettings) reportForm {
	return reportForm{Recipients: strings.Join(rs.Recipients, "\n"), Weekday: strconv.Itoa(rs.Weekday),
		Hour: strconv.Itoa(rs.Hour), TimeZone: rs.TimeZone, Lang: rs.Lang, Enabled: rs.Enabled}
}

// reportManager lets through only those who manage reports, as the API does.
func (u *UI) reportManager(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !viewerOf(r.Context()).Role.Can(access.ManageReports) {
			u.fail(w, r, http.StatusForbidden, "error.forbidden")
			return
		}
		next(w, r)
	}
}

// reports is the report service given in the options, or one made from the
// environment (as the API does).
func (u *UI) reports() (*report.Service, error) {
	if u.reportSvc != nil {
		return u.reportSvc, nil
	}
	return report.FromEnv(u.store, u.log)
}

func (u *UI) reportPage(w http.ResponseWriter, r *http.Request) {
	d := reportData{Notice: noticeKey(r.URL.Query().Get("done"))}
	u.showReport(w, r, http.StatusOK, d, nil)
}

// noticeKey is the message of a change just made (from a redirect).
func noticeKey(done string) string {
	switch done {
	case "saved":
		return "rep.saved"
	case "sent":
		return "rep.sentnow"
	}
	return ""
}

// showReport shows the page; form, when not nil, is what was typed.
func (u *UI) showReport(w http.ResponseWriter, r *http.Request, code int, d reportData, form *reportForm) {
	ctx := r.Context()
	slug := r.PathValue("slug")
	c, err := u.store.Community(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	d.Community, d.Weekdays = c, []int{1, 2, 3, 4, 5, 6, 0}
	rs, err := u.store.ReportSettings(ctx, slug)
	switch {
	case err == nil:
		d.Saved, d.Form = true, formOf(rs)
	case errors.Is(err, store.ErrNotFound):
		d.Form = reportForm{Weekday: "1", Hour: "9", TimeZone: "UTC", Lang: langOf(r), Enabled: true}
	default:
		u.serverError(w, r, err)
		return
	}
	if form != nil {
		d.Form = *form
	}
	sent, err := u.store.SentReports(ctx, slug, 50)
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	for _, x := range sent {
		d.Sent = append(d.Sent, sentRow{SentReport: x, Manual: strings.HasPrefix(x.Week, "now:")})
	}
	p := u.newPage(r, "rep.title")
	p.Data = d
	u.render(w, code, "community_report.html", p)
}

// saveReportSettings checks the form with the report's own rules
// (report.Check) and saves it; a refusal shows the page again with the
// reason and what was typed, nothing changed.
func (u *UI) saveReportSettings(w http.ResponseWriter, r *http.Request) {
	form := reportForm{Recipients: r.PostFormValue("recipients"), Weekday: r.PostFormValue("weekday"),
		Hour: r.PostFormValue("hour"), TimeZone: strings.TrimSpace(r.PostFormValue("timezone")),
		Lang: r.PostFormValue("lang"), Enabled: r.PostFormValue("enabled") != ""}
	rs, err := settingsOf(r.PathValue("slug"), form)
	if err == nil {
		err = report.Check(&rs)
	}
	if err != nil {
		u.showReport(w, r, http.StatusBadRequest, reportData{Refused: err.Error()}, &form)
		return
	}
	if _, err := u.store.PutReportSettings(r.Context(), viewerOf(r.Context()).actor(), rs); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			u.fail(w, r, http.StatusNotFound, "error.notfound")
			return
		}
		u.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/communities/"+rs.Community+"/report?done=saved", http.StatusSeeOther)
}

// settingsOf reads the form's numbers; report.Check judges the values.
func settingsOf(slug string, f reportForm) (store.ReportSettings, error) {
	weekday, err := strconv.Atoi(strings.TrimSpace(f.Weekday))
	if err != nil {
		return store.ReportSettings{}, errors.New("weekday: want 0 (Sunday) to 6 (Saturday)")
	}
	hour, err := strconv.Atoi(strings.TrimSpace(f.Hour))
	if err != nil {
		return store.ReportSettings{}, errors.New("hour: want 0 to 23")
	}
	return store.ReportSettings{Community: slug, Recipients: recipientList(f.Recipients), Weekday: weekday, Hour: hour,
		TimeZone: f.TimeZone, Lang: f.Lang, Enabled: f.Enabled}, nil
}

// recipientList splits the recipients typed one a line (or comma-separated).
func recipientList(s string) []string {
	out := []string{}
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ',' }) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// reportCSP lets the preview use the e-mail's own style block and nothing
// else (no script, no image, no request), in a sandbox.
const reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; sandbox"

// reportPreview shows the HTML of this week's report (the seven days
// ending now), in ?lang or the settings' language.
func (u *UI) reportPreview(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	if lang != "" && !known(lang) {
		u.fail(w, r, http.StatusBadRequest, "rep.badlang")
		return
	}
	svc, err := u.reports()
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	m, _, err := svc.Render(r.Context(), r.PathValue("slug"), lang, time.Now().Add(time.Hour))
	switch {
	case errors.Is(err, store.ErrNotFound):
		u.fail(w, r, http.StatusNotFound, "error.notfound")
		return
	case err != nil:
		u.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", reportCSP)
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(m.HTML))
}

// sendReportNow sends the report of the last seven days at once; a failure
// (no mail server, a refusal) is shown on the page with its reason.
func (u *UI) sendReportNow(w http.ResponseWriter, r *http.Request) {
	svc, err := u.reports()
	if err != nil {
		u.showReport(w, r, http.StatusServiceUnavailable, reportData{SendError: err.Error()}, nil)
		return
	}
	sent, err := svc.SendNow(r.Context(), r.PathValue("slug"))
	switch {
	case err == nil:
		http.Redirect(w, r, "/communities/"+r.PathValue("slug")+"/report?done=sent", http.StatusSeeOther)
	case errors.Is(err, report.ErrNoSMTP):
		u.showReport(w, r, http.StatusServiceUnavailable, reportData{SendError: err.Error()}, nil)
	case sent.ID != 0:
		u.showReport(w, r, http.StatusBadGateway, reportData{SendError: err.Error()}, nil)
	case errors.Is(err, store.ErrNotFound):
		// no settings yet (or no such community: the page says 404)
		u.showReport(w, r, http.StatusBadRequest, reportData{SendError: translate(langOf(r), "rep.nosettings")}, nil)
	case errors.Is(err, store.ErrConflict):
		u.showReport(w, r, http.StatusConflict, reportData{SendError: err.Error()}, nil)
	default:
		u.serverError(w, r, err)
	}
}
