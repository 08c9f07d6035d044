package ui

import (
	"net/http/httptest"
	"testing"
)

func TestLinkify(t *testing.T) {
	cases := map[string]string{
		`<b>x</b>`:                                  `&lt;b&gt;x&lt;/b&gt;`,
		`see https://ex.com/a?b=1&c=2.`:             `see <a href="https://ex.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer" target="_blank">https://ex.com/a?b=1&amp;c=2</a>.`,
		`javascript:alert(1) http://"onmouseover=x`: `javascript:alert(1) http://&#34;onmouseover=x`,
		`https://ex.com/"><script>`:                 `<a href="https://ex.com/" rel="nofollow noopener noreferrer" target="_blank">https://ex.com/</a>&#34;&gt;&lt;script&gt;`,
	}
	for in, want := range cases {
		if got := string(linkify(in)); got != want {
			t.Errorf("linkify(%q)\n got %s\nwant %s", in, got, want)
		}
	}
}

func TestLanguage(t *testing.T) {
	cases := map[string]string{
		"":                        "fr",
		"en-GB,en;q=0.9,fr;q=0.8": "en",
		"de-DE,fr;q=0.5,en;q=0.7": "en",
		"fr-CA,en;q=0.9":          "fr",
		"en;q=0,fr;q=0.1":         "fr",
		"zz, garbage;;q=x":        "fr",
	}
	for h, want := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Language", h)
		if got := langOf(r); got != want {
			t.Errorf("Accept-Language %q: %s, want %s", h, got, want)
		}
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Language", "fr")
	r.Header.Set("Cookie", langCookie+"=en")
	if got := langOf(r); got != "en" {
		t.Errorf("the cookie does not win: %s", got)
	}
}

func TestLocalPath(t *testing.T) {
	cases := map[string]string{
		"/queue/juridique?q=a": "/queue/juridique?q=a",
		"https://evil.example": "/",
		"//evil.example/x":     "/",
		"/\\evil.example":      "/",
		"javascript:alert(1)":  "/",
		"":                     "/",
	}
	for in, want := range cases {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEveryKeyHasBothLanguages(t *testing.T) {
	for k, v := range messages {
		if v[0] == "" || v[1] == "" {
			t.Errorf("message %q lacks a language", k)
		}
	}
}
