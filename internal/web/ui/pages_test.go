package ui_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// untranslated finds a message key shown instead of its text.
var untranslated = regexp.MustCompile(`>[^<]*\b(conv|conversation|users|review|inbox|f|sla|status|class|queue|error|nav|signin|reply|role|priority|sentiment|search|keys)\.[a-z_]+\b`)

func TestPagesInBothLanguages(t *testing.T) {
	h := newHarness(t)
	root := h.user("root@example.com", "admin")
	m := h.ingest("1", "Mon avocat vous envoie une mise en demeure")
	b := h.browser()
	b.signIn("root@example.com")
	for _, lang := range []string{"fr", "en"} {
		if resp, _ := b.c.Get(h.url + "/lang/" + lang + "?next=/review"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/review" {
			t.Fatalf("switch to %s: %d %s", lang, resp.StatusCode, resp.Header.Get("Location"))
		}
		for _, path := range []string{"/", "/mine", "/mentions", "/workload", "/answers", "/answers/new", "/queue/juridique", "/m/" + itoa(m.ID), "/review", "/admin/users", "/admin/users/" + itoa(root.ID), "/queue/nowhere"} {
			code, body := b.get(path)
			if code != 200 && path != "/queue/nowhere" {
				t.Fatalf("%s %s: %d", lang, path, code)
			}
			if k := untranslated.FindString(body); k != "" {
				t.Errorf("%s %s shows a key: %s", lang, path, k)
			}
			if !strings.Contains(body, `<html lang="`+lang+`">`) {
				t.Errorf("%s %s: wrong page language", lang, path)
			}
			if strings.Contains(body, "<script>") || strings.Contains(body, " style=") || strings.Contains(body, " onclick=") {
				t.Errorf("%s %s: inline script or style, which the CSP forbids", lang, path)
			}
		}
	}
	resp, err := b.c.Get(h.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Fatalf("CSP %q", csp)
	}
	if code, _ := b.get("/?class=bogus"); code != http.StatusBadRequest {
		t.Fatalf("bad filter: %d", code)
	}
	if resp, _ := b.c.Get(h.url + "/lang/de"); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("unknown language: %d", resp.StatusCode)
	}
}
