package ui

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/analytics"
)

// registerDashboards adds the dashboards' routes: global, per community, and
// the numbers behind each chart as CSV.
func (u *UI) registerDashboards(mux *http.ServeMux) {
	mux.Handle("GET /dashboards", u.signedIn(u.dashboard))
	mux.Handle("GET /dashboards/c/{community}", u.signedIn(u.dashboard))
	mux.Handle("GET /dashboards/csv/{figure}", u.signedIn(u.dashboardCSV))
}

// dashData is what a dashboard page shows.
type dashData struct {
	Community   string
	Communities []string
	From, To    string // the range picker's days, both included
	Interval    string
	By          string
	Query       template.URL // the filter as URL parameters, for the CSV links (url.Values.Encode: html/template would escape its = and &)
	Problem     string       // why the filter was refused
	Volume      stackChart
	Sentiment   stackChart
	SLA         []analytics.SLAFigure
	SLAChart    hbarChart
	Backlog     hbarChart
	BacklogOpen int64
	Terms       []analytics.TermTrend
	TermsChart  hbarChart
	Share       hbarChart
	Brands      int
}

// dashboard shows every figure for one community or all, over the range asked for.
func (u *UI) dashboard(w http.ResponseWriter, r *http.Request) {
	if !viewerOf(r.Context()).Role.Can(access.ReadAnalytics) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	q := r.URL.Query()
	if c := r.PathValue("community"); c != "" {
		q.Set("community", c)
	}
	if q.Get("by") == "" {
		q.Set("by", "channel")
	}
	p := u.newPage(r, "dash.title")
	d := dashData{Interval: q.Get("interval"), By: q.Get("by"), Community: q.Get("community")}
	if cs, err := u.store.Communities(r.Context()); err == nil {
		for _, c := range cs {
			d.Communities = append(d.Communities, c.Slug)
		}
	}
	f, err := analytics.FilterFromQuery(q, time.Now())
	if err == nil {
		err = u.dashFigures(r.Context(), p.Lang, f, &d)
	}
	d.From, d.To = f.From.Format("2006-01-02"), f.To.Add(-time.Nanosecond).Format("2006-01-02")
	d.Query = template.URL(dashQuery(f, d.By).Encode())
	p.Data = &d
	if errors.Is(err, analytics.ErrBadFilter) {
		d.Problem = err.Error()
		u.render(w, http.StatusBadRequest, "dashboard.html", p)
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	u.render(w, http.StatusOK, "dashboard.html", p)
}

func dashQuery(f analytics.Filter, by string) url.Values {
	v := url.Values{"from": {f.From.Format(time.RFC3339)}, "to": {f.To.Format(time.RFC3339)}}
	for k, s := range map[string]string{"community": f.Community, "interval": f.Interval, "by": by} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// dashFigures reads every figure of f and draws the charts.
func (u *UI) dashFigures(ctx context.Context, lang string, f analytics.Filter, d *dashData) error {
	svc := analytics.Service{Store: u.store}
	step := 24 * time.Hour
	if !f.Daily() {
		step = time.Hour
	}
	from := f.From.UTC().Truncate(step)
	if f.To.Sub(from) > plotBuckets*step { // the charts draw plotBuckets bars at most
		return fmt.Errorf("%w: the charts draw at most %d days; the CSV links and the figures API (/api/v1/figures) take longer ranges",
			analytics.ErrBadFilter, plotBuckets)
	}
	vol, err := svc.Volume(ctx, f)
	if err != nil {
		return err
	}
	keys := stackKeys(vol, 7)
	d.Volume = stackOf(vol, from, f.To, step, keys, paletteFill, func(k string) string { return u.keyName(lang, f.By, k) })
	sent, err := svc.Sentiment(ctx, f)
	if err != nil {
		return err
	}
	d.Sentiment = stackOf(sentimentPoints(sent), from, f.To, step, []string{"negative", "neutral", "positive"},
		func(_ int, k string) string { return sentimentFill[k] }, func(k string) string { return translate(lang, "dash.sent."+k) })
	if err := u.dashSLA(ctx, lang, svc, f, d); err != nil {
		return err
	}
	if err := u.dashBacklog(ctx, svc, f, d); err != nil {
		return err
	}
	if d.Terms, err = svc.RisingTerms(ctx, f, 15); err != nil {
		return err
	}
	labels, values, shown := []string{}, []float64{}, []string{}
	for _, t := range d.Terms {
		labels, values, shown = append(labels, t.Term), append(values, t.Ratio), append(shown, fmt.Sprintf("×%.1f (%d)", t.Ratio, t.Count))
	}
	d.TermsChart = hbarOf(labels, values, shown, palette[1])
	return u.dashShare(ctx, svc, f, d)
}

// sentimentPoints turns sentiment buckets into counts keyed by polarity.
func sentimentPoints(sent []analytics.SentimentPoint) []analytics.Point {
	out := make([]analytics.Point, 0, 3*len(sent))
	for _, s := range sent {
		out = append(out, analytics.Point{Time: s.Time, Key: "negative", Count: s.Negative},
			analytics.Point{Time: s.Time, Key: "neutral", Count: s.Neutral},
			analytics.Point{Time: s.Time, Key: "positive", Count: s.Positive})
	}
	return out
}

func (u *UI) dashSLA(ctx context.Context, lang string, svc analytics.Service, f analytics.Filter, d *dashData) error {
	g := f
	g.By = "department"
	figs, err := svc.SLA(ctx, g)
	if err != nil {
		return err
	}
	d.SLA = figs
	labels, values, shown := []string{}, []float64{}, []string{}
	for _, s := range figs {
		if s.WithTarget == 0 {
			continue
		}
		labels = append(labels, s.Department+" · "+translate(lang, "dash.sla."+s.Kind))
		values = append(values, s.OnTimePercent)
		shown = append(shown, fmt.Sprintf("%.0f %% (%d/%d)", s.OnTimePercent, s.OnTime, s.WithTarget))
	}
	d.SLAChart = hbarOf(labels, values, shown, palette[2])
	return nil
}

func (u *UI) dashBacklog(ctx context.Context, svc analytics.Service, f analytics.Filter, d *dashData) error {
	pts, err := svc.Backlog(ctx, f)
	if err != nil {
		return err
	}
	labels, values, shown := []string{}, []float64{}, []string{}
	for _, p := range pts {
		labels, values, shown = append(labels, orDash(p.Key)), append(values, float64(p.Count)), append(shown, strconv.FormatInt(p.Count, 10))
		d.BacklogOpen += p.Count
	}
	d.Backlog = hbarOf(labels, values, shown, palette[0])
	return nil
}

func (u *UI) dashShare(ctx context.Context, svc analytics.Service, f analytics.Filter, d *dashData) error {
	shares, err := svc.ShareOfVoice(ctx, f)
	if err != nil {
		return err
	}
	d.Brands = len(shares)
	labels, values, shown := []string{}, []float64{}, []string{}
	for _, s := range shares {
		labels, values = append(labels, orDash(s.Community)), append(values, s.Percent)
		shown = append(shown, fmt.Sprintf("%.1f %% (%d)", s.Percent, s.Count))
	}
	d.Share = hbarOf(labels, values, shown, palette[4])
	return nil
}

// keyName is the legend of a breakdown's key.
func (u *UI) keyName(lang, by, key string) string {
	switch {
	case key == otherKey:
		return translate(lang, "dash.other")
	case key == "":
		return "—"
	case by == "class":
		return translate(lang, "dash.class."+key)
	}
	return key
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// dashboardCSV gives the numbers behind one chart of a dashboard.
func (u *UI) dashboardCSV(w http.ResponseWriter, r *http.Request) {
	if !viewerOf(r.Context()).Role.Can(access.ReadAnalytics) {
		u.fail(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	name := r.PathValue("figure")
	f, err := analytics.FilterFromQuery(r.URL.Query(), time.Now())
	var t analytics.Table
	if err == nil {
		t, err = figureTable(r.Context(), analytics.Service{Store: u.store}, name, f)
	}
	if errors.Is(err, analytics.ErrBadFilter) {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err != nil {
		u.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	if err := t.WriteCSV(w); err != nil {
		u.log.Warn("dashboard csv", "figure", name, "err", err)
	}
}

// figureTable reads the figure named and gives its table.
func figureTable(ctx context.Context, svc analytics.Service, name string, f analytics.Filter) (analytics.Table, error) {
	switch name {
	case "volume":
		pts, err := svc.Volume(ctx, f)
		return analytics.PointsTable(pts), err
	case "sentiment":
		pts, err := svc.Sentiment(ctx, f)
		return analytics.SentimentTable(pts), err
	case "sla":
		f.By = "department"
		figs, err := svc.SLA(ctx, f)
		return analytics.SLATable(figs), err
	case "backlog":
		pts, err := svc.Backlog(ctx, f)
		return analytics.PointsTable(pts), err
	case "terms":
		terms, err := svc.RisingTerms(ctx, f, 100)
		return analytics.TermsTable(terms), err
	case "share-of-voice":
		shares, err := svc.ShareOfVoice(ctx, f)
		return analytics.ShareTable(shares), err
	}
	return analytics.Table{}, fmt.Errorf("%w: no figure %q", analytics.ErrBadFilter, name)
}
