package ui

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// langCookie keeps the language a person chose over the browser's.
const langCookie = "sb_lang"

// languages are the ones the inbox speaks; the first is the default.
var languages = []string{"fr", "en"}

// langOf picks the page language: the cookie, else the best of
// Accept-Language, else French.
func langOf(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && known(c.Value) {
		return c.Value
	}
	return acceptLanguage(r.Header.Get("Accept-Language"))
}

func known(l string) bool { return l == "fr" || l == "en" }

// acceptLanguage reads an Accept-Language header ("en-GB,en;q=0.9,fr;q=0.8")
// and gives the language we speak with the highest weight.
func acceptLanguage(h string) string {
	type choice struct {
		lang string
		q    float64
	}
	var cs []choice
	for _, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		if known(base) && q > 0 {
			cs = append(cs, choice{base, q})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].q > cs[j].q })
	if len(cs) == 0 {
		return languages[0]
	}
	return cs[0].lang
}

// setLang stores the chosen language in a cookie and goes back to the page.
func (u *UI) setLang(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	if !known(code) {
		http.Error(w, "unknown language: want fr or en", http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: code, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// localPath keeps only a path of this site, so a redirect cannot leave it.
func localPath(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return u.RequestURI()
}

// translate gives the text of key in lang, formatted with args; a missing
// key shows itself, so it is seen and fixed.
func translate(lang, key string, args ...any) string {
	entry, ok := messages[key]
	if !ok {
		return key
	}
	s := entry[0]
	if lang == "en" {
		s = entry[1]
	}
	if len(args) > 0 {
		return sprintf(s, args...)
	}
	return s
}
