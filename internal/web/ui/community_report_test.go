package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// untranslatedReport finds a message key of the report page shown instead of its text.
var untranslatedReport = regexp.MustCompile(`>[^<]*\brep\.[a-z_.0-9]+\b`)

// reportHarness is a server with no mail server, an admin, an agent, an
// analyst and the community "fr-market".
func reportHarness(t *testing.T) *harness {
	t.Setenv("SWITCHBOARD_SMTP_ADDR", "")
	t.Setenv("SWITCHBOARD_CRISIS_POLICY", "")
	h := newHarness(t)
	h.user("root@example.com", "admin")
	h.user("agent@example.com", "agent", "relation-client")
	h.user("ana@example.com", "analyst")
	if _, err := h.app.Store.CreateCommunity(context.Background(), store.Actor{Name: "test"},
		store.Community{Slug: "fr-market", Name: "Marché <France>", Kind: "market"}); err != nil {
		t.Fatal(err)
	}
	return h
}

func goodReportForm() url.Values {
	return url.Values{"recipients": {"Direction générale <dg@example.com>\ncm@example.com"}, "weekday": {"1"},
		"hour": {"9"}, "timezone": {"Europe/Paris"}, "lang": {"fr"}, "enabled": {"1"}}
}

func TestReportPageInBothLanguages(t *testing.T) {
	h := reportHarness(t)
	b := h.browser()
	b.signIn("root@example.com")
	words := map[string][]string{"fr": {"Rapport hebdomadaire", "Destinataires", "lundi", "Aucun rapport envoyé"},
		"en": {"Weekly report", "Recipients", "Monday", "No report sent yet"}}
	for _, lang := range []string{"fr", "en"} {
		b.c.Get(h.url + "/lang/" + lang + "?next=/")
		for _, path := range []string{"/communities/fr-market", "/communities/fr-market/report"} {
			code, body := b.get(path)
			if code != http.StatusOK {
				t.Fatalf("%s %s: %d\n%s", lang, path, code, body)
			}
			if k := untranslatedReport.FindString(body); k != "" {
				t.Errorf("%s %s shows a key: %s", lang, path, k)
			}
			if strings.Contains(body, "<script>") || strings.Contains(body, " style=") || strings.Contains(body, " onclick=") {
				t.Errorf("%s %s: inline script or style, which the CSP forbids", lang, path)
			}
			if !strings.Contains(body, `href="/communities/fr-market/report"`) && path == "/communities/fr-market" {
				t.Errorf("%s: the community page has no link to its report", lang)
			}
		}
		_, body := b.get("/communities/fr-market/report")
		for _, w := range words[lang] {
			if !strings.Contains(body, w) {
				t.Errorf("%s report page without %q", lang, w)
			}
		}
		if strings.Contains(body, "Marché <France>") || !strings.Contains(body, "Marché &lt;France&gt;") {
			t.Errorf("%s: the community's name is not escaped", lang)
		}
	}
	// Saved, the page shows the settings, the preview and "send now".
	if resp, body := b.post("/communities/fr-market/report", goodReportForm()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", resp.StatusCode, body)
	}
	_, body := b.get("/communities/fr-market/report?done=saved")
	for _, w := range []string{"Settings saved.", "dg@example.com\ncm@example.com", `value="Europe/Paris"`,
		`<option value="1" selected>Monday`, `<option value="fr" selected>`, `name="enabled" value="1" checked`,
		`href="/communities/fr-market/report/preview"`, `action="/communities/fr-market/report/send"`} {
		if !strings.Contains(body, w) {
			t.Errorf("saved settings page without %q", w)
		}
	}
}

func TestReportSettingsRefusedChangeNothing(t *testing.T) {
	h := reportHarness(t)
	ctx := context.Background()
	b := h.browser()
	b.signIn("root@example.com")
	b.c.Get(h.url + "/lang/en?next=/")
	b.get("/communities/fr-market/report")
	if resp, body := b.post("/communities/fr-market/report", goodReportForm()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", resp.StatusCode, body)
	}
	before, err := h.app.Store.ReportSettings(ctx, "fr-market")
	if err != nil || !reflect.DeepEqual(before.Recipients, []string{"dg@example.com", "cm@example.com"}) || before.TimeZone != "Europe/Paris" || !before.Enabled {
		t.Fatalf("saved settings %+v, %v", before, err)
	}
	bad := []struct{ field, value, says string }{
		{"recipients", "dg@example.com\nnot an address", `recipient &#34;not an address&#34;: not an e-mail address`},
		{"recipients", "", "give 1 to 50 e-mail addresses"},
		{"weekday", "7", "weekday 7: want 0 (Sunday) to 6 (Saturday)"},
		{"hour", "24", "hour 24: want 0 to 23"},
		{"hour", "nine", "hour: want 0 to 23"},
		{"timezone", "Mars/Olympus", `timezone &#34;Mars/Olympus&#34;: want an IANA name`},
		{"lang", "de", `lang &#34;de&#34;: want fr or en`},
	}
	for _, c := range bad {
		form := goodReportForm()
		form.Set(c.field, c.value)
		form.Set("hour", map[bool]string{true: c.value, false: "17"}[c.field == "hour"])
		form.Del("enabled")
		resp, body := b.post("/communities/fr-market/report", form)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Settings refused, nothing was changed") || !strings.Contains(body, c.says) {
			t.Errorf("%s=%q: %d, want 400 saying %q\n%s", c.field, c.value, resp.StatusCode, c.says, body)
		}
		// The form shows what was typed, to be corrected.
		if c.field == "timezone" && !strings.Contains(body, `value="Mars/Olympus"`) {
			t.Errorf("the refused form lost the typed time zone")
		}
		after, err := h.app.Store.ReportSettings(ctx, "fr-market")
		if err != nil || !reflect.DeepEqual(after, before) {
			t.Errorf("%s=%q changed the settings: %+v, was %+v (%v)", c.field, c.value, after, before, err)
		}
	}
	// A form without the session's CSRF token is refused too.
	form := goodReportForm()
	form.Set("csrf", "forged")
	form.Set("hour", "17")
	if resp, _ := b.post("/communities/fr-market/report", form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("forged CSRF: %d", resp.StatusCode)
	}
	if after, _ := h.app.Store.ReportSettings(ctx, "fr-market"); after.Hour != 9 {
		t.Errorf("a forged form changed the hour to %d", after.Hour)
	}
	// A good change goes through (the form works, so the refusals above are the checks').
	form = goodReportForm()
	form.Set("hour", "17")
	form.Del("enabled")
	if resp, _ := b.post("/communities/fr-market/report", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("good change: %d", resp.StatusCode)
	}
	if after, _ := h.app.Store.ReportSettings(ctx, "fr-market"); after.Hour != 17 || after.Enabled {
		t.Errorf("after a good change: %+v", after)
	}
	if code, _ := b.get("/communities/nowhere/report"); code != http.StatusNotFound {
		t.Errorf("an unknown community: %d", code)
	}
	if resp, _ := b.post("/communities/nowhere/report", goodReportForm()); resp.StatusCode != http.StatusNotFound {
		t.Errorf("settings of an unknown community: %d", resp.StatusCode)
	}
}

func TestReportPageOnlyForReportManagers(t *testing.T) {
	h := reportHarness(t)
	ctx := context.Background()
	root := h.browser()
	root.signIn("root@example.com")
	root.get("/communities/fr-market/report")
	if resp, _ := root.post("/communities/fr-market/report", goodReportForm()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin save: %d", resp.StatusCode)
	}
	before, _ := h.app.Store.ReportSettings(ctx, "fr-market")
	for _, who := range []string{"agent@example.com", "ana@example.com"} {
		b := h.browser()
		b.signIn(who)
		for _, path := range []string{"/communities/fr-market/report", "/communities/fr-market/report/preview"} {
			if code, _ := b.get(path); code != http.StatusForbidden {
				t.Errorf("%s GET %s: %d", who, path, code)
			}
		}
		b.get("/") // a CSRF token of their own session
		form := goodReportForm()
		form.Set("hour", "3")
		for _, path := range []string{"/communities/fr-market/report", "/communities/fr-market/report/send"} {
			if resp, _ := b.post(path, form); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s POST %s: %d", who, path, resp.StatusCode)
			}
		}
		if _, body := b.get("/communities/fr-market"); strings.Contains(body, "/communities/fr-market/report") {
			t.Errorf("%s sees the link to the report page", who)
		}
	}
	after, _ := h.app.Store.ReportSettings(ctx, "fr-market")
	if !reflect.DeepEqual(after, before) {
		t.Errorf("settings changed by others: %+v, was %+v", after, before)
	}
	if sent, _ := h.app.Store.SentReports(ctx, "fr-market", 10); len(sent) != 0 {
		t.Errorf("others sent reports: %+v", sent)
	}
	// Signed out: to the sign-in page.
	anon := h.browser()
	resp, err := anon.c.Get(h.url + "/communities/fr-market/report")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
		t.Errorf("signed out: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestReportPreviewAndSendWithoutMailServer(t *testing.T) {
	h := reportHarness(t)
	ctx := context.Background()
	b := h.browser()
	b.signIn("root@example.com")
	b.c.Get(h.url + "/lang/en?next=/")
	b.get("/communities/fr-market/report")
	// Nothing to preview nor send before the settings are saved.
	if code, _ := b.get("/communities/fr-market/report/preview"); code != http.StatusNotFound {
		t.Errorf("preview without settings: %d", code)
	}
	resp, body := b.post("/communities/fr-market/report/send", nil)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "save the report&#39;s settings first") {
		t.Errorf("send without settings: %d\n%s", resp.StatusCode, body)
	}
	if resp, _ := b.post("/communities/fr-market/report", goodReportForm()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	// The preview is the report's HTML, in the settings' language or ?lang, in a sandbox.
	presp, err := b.c.Get(h.url + "/communities/fr-market/report/preview")
	if err != nil {
		t.Fatal(err)
	}
	presp.Body.Close()
	if presp.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d", presp.StatusCode)
	}
	csp := presp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "sandbox") || strings.Contains(csp, "script-src") {
		t.Errorf("preview CSP %q", csp)
	}
	if _, body := b.get("/communities/fr-market/report/preview"); !strings.Contains(body, "Rapport hebdomadaire de la communauté") {
		t.Errorf("French preview:\n%s", short(body))
	}
	if _, body := b.get("/communities/fr-market/report/preview?lang=en"); !strings.Contains(body, "Weekly report of the") {
		t.Errorf("English preview:\n%s", short(body))
	}
	if code, _ := b.get("/communities/fr-market/report/preview?lang=de"); code != http.StatusBadRequest {
		t.Errorf("preview in German: %d", code)
	}
	// Send now with no mail server: a 503 page that says why, and a failed report in the list.
	b.get("/communities/fr-market/report")
	resp, body = b.post("/communities/fr-market/report/send", nil)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, `id="send-error"`) ||
		!strings.Contains(body, "Sending failed: no SMTP server") {
		t.Fatalf("send without a mail server: %d\n%s", resp.StatusCode, body)
	}
	sent, err := h.app.Store.SentReports(ctx, "fr-market", 10)
	if err != nil || len(sent) != 1 || sent[0].Status != store.ReportFailed || !strings.Contains(sent[0].Error, "no SMTP server") {
		t.Fatalf("reports recorded: %+v, %v", sent, err)
	}
	_, body = b.get("/communities/fr-market/report")
	table := body[strings.Index(body, `id="reports-sent"`):]
	if !strings.Contains(table, "<td>send now</td>") || !strings.Contains(table, `class="tag warn">failed`) || !strings.Contains(table, "no SMTP server") {
		t.Errorf("the list of reports sent does not show the failure:\n%s", table)
	}
}

// short cuts a body for an error message.
func short(s string) string {
	if len(s) > 2000 {
		return s[:2000]
	}
	return s
}
