package ui_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// untranslatedPeople finds a message key of the people and community pages
// shown instead of its text.
var untranslatedPeople = regexp.MustCompile(`>[^<]*\b(people|comm|nav|f|sentiment|class)\.[a-z_.]+\b`)

func TestPeoplePagesInBothLanguages(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.user("root@example.com", "admin")
	m := h.ingestIn("1", "quebec", "@luc@x.ca", "Panne générale à Montréal")
	a := store.Actor{Name: "test"}
	aid, _, err := h.app.Store.AuthorPerson(ctx, "mastodon", "@luc@x.ca")
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := h.app.Store.PersonOfAuthor(ctx, a, aid)
	h.app.Store.CreateCustomField(ctx, a, store.CustomField{Key: "plan", Label: "Plan", Type: "list", Options: []string{"gold"}})
	h.app.Store.CreateCustomField(ctx, a, store.CustomField{Key: "vip", Label: "VIP", Type: "checkbox"})
	seg, _ := h.app.Store.SaveSegment(ctx, a, store.Segment{Name: "Québec", Filter: store.SegmentFilter{Community: "quebec"}, Shared: true})
	b := h.browser()
	b.signIn("root@example.com")
	for _, lang := range []string{"fr", "en"} {
		b.c.Get(h.url + "/lang/" + lang + "?next=/")
		for _, path := range []string{"/people", "/people/" + itoa(pid), "/segments/" + itoa(seg.ID), "/communities", "/communities/quebec", "/m/" + itoa(m.ID), "/?community=*"} {
			code, body := b.get(path)
			if code != http.StatusOK {
				t.Fatalf("%s %s: %d", lang, path, code)
			}
			if k := untranslatedPeople.FindString(body); k != "" {
				t.Errorf("%s %s shows a key: %s", lang, path, k)
			}
			if strings.Contains(body, "<script>") || strings.Contains(body, " style=") || strings.Contains(body, " onclick=") {
				t.Errorf("%s %s: inline script or style, which the CSP forbids", lang, path)
			}
		}
	}
	_, body := b.get("/people/" + itoa(pid))
	if !strings.Contains(body, "Sentiment by week") || !strings.Contains(body, `name="field.vip"`) {
		t.Fatalf("English profile without its chart title or the checkbox field")
	}
}
