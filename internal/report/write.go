package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"
	"time"
)

//go:embed report.html
var pageSource string

// breakdown is one table of the volume section.
type breakdown struct {
	Title  string
	Prefix string // of the words naming its keys ("class."), "" to show keys as they are
	Rows   []Change
}

// page is what report.html sees.
type page struct {
	R                      *Report
	Lang                   string
	Subject, Title, Period string
	Breakdowns             []breakdown
}

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"w":      word,
	"change": changeText,
	"pct":    func(v float64) string { return fmt.Sprintf("%.1f %%", v) },
	"score":  func(v float64) string { return fmt.Sprintf("%+.2f", v) },
	"day":    dayText,
	"date":   func(lang string, t time.Time) string { return t.Format(word(lang, "dateformat")) },
}).Parse(pageSource))

// Write renders a report as an e-mail: subject, plain text and HTML. Terms,
// titles and keys come from social text: html/template escapes them.
func Write(r *Report) (Mail, error) {
	l := r.Lang
	last := r.To.Add(-time.Second).In(r.Location)
	from, to := r.From.In(r.Location).Format(word(l, "dateformat")), last.Format(word(l, "dateformat"))
	p := page{R: r, Lang: l, Subject: fmt.Sprintf(word(l, "subject"), r.Community, to),
		Title: fmt.Sprintf(word(l, "title"), r.Community), Period: fmt.Sprintf(word(l, "period"), from, to),
		Breakdowns: []breakdown{{word(l, "bychannel"), "", r.ByChannel}, {word(l, "byclass"), "class.", r.ByClass}, {word(l, "bydepartment"), "", r.ByDepartment}}}
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, p); err != nil {
		return Mail{}, fmt.Errorf("write report: %w", err)
	}
	return Mail{Subject: p.Subject, HTML: b.String(), Text: plain(p)}, nil
}

// changeText says how a count moved: "+12 (+8.0 %)", "−3 (−20.0 %)", "=" or "new".
func changeText(lang string, c Change) string {
	d := c.Now - c.Prev
	switch {
	case d == 0:
		return "="
	case c.Prev == 0:
		return word(lang, "new")
	}
	return fmt.Sprintf("%+d (%+.1f %%)", d, 100*float64(d)/float64(c.Prev))
}

func dayText(lang string, t time.Time) string {
	s := t.Format(word(lang, "dayformat"))
	if lang == "fr" {
		s = frenchDays[s[:3]] + s[3:]
	}
	return s
}

// plain is the text part: the headline figures.
func plain(p page) string {
	r, l := p.R, p.Lang
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n", p.Title, p.Period)
	fmt.Fprintf(&b, "%s: %d (%s; %s %d)\n", word(l, "messages"), r.Volume.Now, changeText(l, r.Volume), word(l, "lastweek"), r.Volume.Prev)
	fmt.Fprintf(&b, "%s: %.1f %% (%s %.1f %%)\n", word(l, "negative"), r.Mood.NegativePercent(), word(l, "lastweek"), r.PrevMood.NegativePercent())
	for _, s := range r.SLA {
		if s.HasNow {
			fmt.Fprintf(&b, "SLA %s %s: %.1f %%\n", s.Department, word(l, s.Kind), s.Now)
		}
	}
	fmt.Fprintf(&b, "%s: %d\n", word(l, "incidents"), len(r.Incidents))
	if r.Link != "" {
		fmt.Fprintf(&b, "\n%s: %s\n", word(l, "dashboard"), r.Link)
	}
	return b.String()
}
