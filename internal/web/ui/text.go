package ui

import (
	"fmt"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
)

var funcs = template.FuncMap{
	"linkify": linkify,
	"pct":     func(f float64) string { return fmt.Sprintf("%.0f %%", f*100) },
	"clock":   clock,
	"iso":     func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"short":   short,
	"safeURL": safeURL,
	"list":    func(xs ...string) []string { return xs },
	"strs": func(cs []message.Class) []string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = string(c)
		}
		return out
	},
	"pair": func(p, u any) map[string]any { return map[string]any{"P": p, "U": u} },
	"has": func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	},
}

var urlPattern = regexp.MustCompile(`https?://[^\s<>"'` + "`" + `]+[^\s<>"'` + "`" + `.,;:!?)\]]`)

// linkify shows social text as text: everything is escaped, and http(s)
// addresses become links that pass no referrer, open no window handle and
// earn the target nothing.
func linkify(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, loc := range urlPattern.FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:loc[0]]))
		raw := s[loc[0]:loc[1]]
		if href := safeURL(raw); href != "" {
			fmt.Fprintf(&b, `<a href="%s" rel="nofollow noopener noreferrer" target="_blank">%s</a>`,
				template.HTMLEscapeString(href), template.HTMLEscapeString(raw))
		} else {
			b.WriteString(template.HTMLEscapeString(raw))
		}
		last = loc[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String())
}

// safeURL keeps only http and https addresses with a host.
func safeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// short cuts a text to n characters on a rune boundary.
func short(n int, s string) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// clock shows a time as a <time> element, in UTC for the page; the script
// shows it in the reader's own time zone.
func clock(t time.Time) template.HTML {
	u := t.UTC()
	return template.HTML(`<time datetime="` + u.Format(time.RFC3339) + `">` + u.Format("2006-01-02 15:04") + ` UTC</time>`)
}
