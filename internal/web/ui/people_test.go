package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// ingestIn posts one message of a community by its own author and waits until it is stored.
func (h *harness) ingestIn(id, community, handle, text string) message.Message {
	h.t.Helper()
	body := fmt.Sprintf(`{"channel":"mastodon","external_id":%q,"text":%q,"created_at":"2026-11-23T09:30:00Z","community":%q,"author":{"handle":%q,"followers":10}}`, id, text, community, handle)
	req, _ := http.NewRequest("POST", h.url+"/api/v1/ingest", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+h.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m, err := h.app.Store.MessageByKey(context.Background(), "mastodon", id); err == nil {
			return m
		}
	}
	h.t.Fatalf("message %s was not stored", id)
	return message.Message{}
}

func TestProfilePageEscapesAndEdits(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.user("ana@example.com", "agent", "relation-client")
	m := h.ingest("1", "Toujours pas de remboursement, c'est une honte")
	aid, _, err := h.app.Store.AuthorPerson(ctx, "mastodon", "@ana@piaille.fr")
	if err != nil {
		t.Fatal(err)
	}
	b := h.browser()
	b.signIn("ana@example.com")
	if code, body := b.get("/m/" + itoa(m.ID)); code != 200 || !strings.Contains(body, `href="/people/by-author/`+itoa(aid)+`"`) {
		t.Fatalf("conversation: %d, no link to the author's profile", code)
	}
	resp, _ := b.post("/people/by-author/"+itoa(aid), nil) // GET only
	if resp.StatusCode == http.StatusSeeOther {
		t.Fatalf("POST on the profile link: %d", resp.StatusCode)
	}
	r, err := b.c.Get(h.url + "/people/by-author/" + itoa(aid))
	if err != nil || r.StatusCode != http.StatusSeeOther {
		t.Fatalf("profile of an author: %v %v", r, err)
	}
	r.Body.Close()
	profile := r.Header.Get("Location")
	var pid int64
	fmt.Sscanf(profile, "/people/%d", &pid)
	const xss = `<script>alert("bio")</script><img src=x onerror=alert(1)>`
	if err := h.app.Store.SetBio(ctx, store.Actor{Name: "test"}, pid, xss); err != nil {
		t.Fatal(err)
	}
	code, body := b.get(profile)
	if code != 200 || strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || !strings.Contains(body, "&lt;script&gt;alert(&#34;bio&#34;)&lt;/script&gt;") {
		t.Fatalf("profile %d does not show the bio escaped", code)
	}
	if !strings.Contains(body, "c&#39;est une honte") || !strings.Contains(body, "<svg") {
		t.Fatalf("profile without the conversation or the sentiment chart")
	}
	if resp, _ := b.post(profile+"/tags", url.Values{"tag": {"Frequent Flyer"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("tag: %d", resp.StatusCode)
	}
	if resp, _ := b.post(profile+"/notes", url.Values{"body": {"Rappeler <b>demain</b>"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("note: %d", resp.StatusCode)
	}
	if _, err := h.app.Store.CreateCustomField(ctx, store.Actor{Name: "test"}, store.CustomField{Key: "spend", Label: "Dépense", Type: "number"}); err != nil {
		t.Fatal(err)
	}
	if resp, body := b.post(profile+"/fields", url.Values{"field.spend": {"beaucoup"}}); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "is not a number") {
		t.Fatalf("bad number: %d", resp.StatusCode)
	}
	if vals, _ := h.app.Store.PersonFields(ctx, pid); len(vals) != 0 {
		t.Fatalf("a refused value was stored: %+v", vals)
	}
	if resp, _ := b.post(profile+"/fields", url.Values{"field.spend": {"42"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("good number: %d", resp.StatusCode)
	}
	_, body = b.get(profile)
	if !strings.Contains(body, "frequent flyer") || !strings.Contains(body, "Rappeler &lt;b&gt;demain&lt;/b&gt;") || !strings.Contains(body, `value="42"`) {
		t.Fatalf("profile without the tag, the escaped note or the field")
	}
	if resp, _ := b.post(profile+"/merge", url.Values{"person_id": {"1"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an agent merges people: %d, want 403", resp.StatusCode)
	}
	_, body = b.get("/m/" + itoa(m.ID))
	if !strings.Contains(body, `id="person-card"`) || !strings.Contains(body, "frequent flyer") || !strings.Contains(body, `href="/people/`+itoa(pid)+`"`) {
		t.Fatalf("author card not fed by the person")
	}
	if code, body := b.get("/people?tag=frequent+flyer"); code != 200 || !strings.Contains(body, "@ana@piaille.fr") {
		t.Fatalf("people search by tag: %d", code)
	}
	if code, _ := b.get("/people?sentiment=furious"); code != http.StatusBadRequest {
		t.Fatalf("bad search: %d, want 400", code)
	}
	resp, _ = b.post("/segments", url.Values{"name": {"Flyers"}, "tag": {"frequent flyer"}, "shared": {"on"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save segment: %d", resp.StatusCode)
	}
	if code, body := b.get(resp.Header.Get("Location")); code != 200 || !strings.Contains(body, "@ana@piaille.fr") || !strings.Contains(body, "Flyers") {
		t.Fatalf("segment page: %d", code)
	}
}

func TestCommunitiesPagesAndInboxSwitcher(t *testing.T) {
	h := newHarness(t)
	agent := h.user("lea@example.com", "agent", "relation-client", "support-produit", "triage")
	h.user("admin@example.com", "admin")
	h.ingestIn("q1", "quebec", "@a@x.ca", "Mon colis est perdu, remboursement svp")
	h.ingestIn("f1", "france", "@b@x.fr", "Mon colis est en retard, remboursement svp")
	admin := h.browser()
	admin.signIn("admin@example.com")
	if resp, _ := admin.post("/communities", url.Values{"slug": {"Bad Slug"}, "name": {"x"}, "kind": {"market"}}); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad slug: %d, want 400", resp.StatusCode)
	}
	if resp, _ := admin.post("/communities", url.Values{"slug": {"belgique"}, "name": {"<i>Belgique</i>"}, "kind": {"country"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/communities/quebec/members", url.Values{"user_id": {itoa(agent.ID)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add member: %d", resp.StatusCode)
	}
	if resp, _ := admin.post("/communities/belgique/rules", url.Values{"langs": {"fr"}, "places": {"Bruxelles, Liège"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add rule: %d", resp.StatusCode)
	}
	code, body := admin.get("/communities/belgique")
	if code != 200 || !strings.Contains(body, "&lt;i&gt;Belgique&lt;/i&gt;") || !strings.Contains(body, "Bruxelles, Liège") {
		t.Fatalf("community page: %d", code)
	}
	b := h.browser()
	b.signIn("lea@example.com")
	if resp, _ := b.post("/communities", url.Values{"slug": {"x"}, "name": {"x"}, "kind": {"market"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an agent creates a community: %d, want 403", resp.StatusCode)
	}
	_, mine := b.get("/")
	_, all := b.get("/?community=*")
	if !strings.Contains(mine, `data-filtered="true"`) || !strings.Contains(all, `data-filtered="false"`) {
		t.Fatalf("live messages would join a queue scoped to the agent's communities unchecked")
	}
	if !strings.Contains(mine, "perdu") || strings.Contains(mine, "en retard") {
		t.Fatalf("the default inbox is not the agent's communities")
	}
	if !strings.Contains(all, "perdu") || !strings.Contains(all, "en retard") || !strings.Contains(all, `id="community-switcher"`) {
		t.Fatalf("the global view does not span every community")
	}
	if _, one := b.get("/?community=france"); strings.Contains(one, "perdu") || !strings.Contains(one, "en retard") {
		t.Fatalf("one community: wrong messages")
	}
}

func TestAdminMergesAndUnmergesFromTheProfile(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.user("root@example.com", "admin")
	h.ingestIn("a1", "quebec", "@luc@x.ca", "Bonjour")
	h.ingestIn("b1", "quebec", "@luc@bsky.app", "Salut")
	a := store.Actor{Name: "test"}
	first, _, _ := h.app.Store.AuthorPerson(ctx, "mastodon", "@luc@x.ca")
	second, _, _ := h.app.Store.AuthorPerson(ctx, "mastodon", "@luc@bsky.app")
	p1, _ := h.app.Store.PersonOfAuthor(ctx, a, first)
	p2, _ := h.app.Store.PersonOfAuthor(ctx, a, second)
	h.app.Store.AddTag(ctx, a, p2, "journaliste")
	b := h.browser()
	b.signIn("root@example.com")
	b.get("/people/" + itoa(p1))
	if resp, _ := b.post("/people/"+itoa(p1)+"/merge", url.Values{"person_id": {itoa(p1)}}); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("merge with itself: %d, want 400", resp.StatusCode)
	}
	if resp, _ := b.post("/people/"+itoa(p1)+"/merge", url.Values{"person_id": {itoa(p2)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge: %d", resp.StatusCode)
	}
	_, body := b.get("/people/" + itoa(p1))
	if !strings.Contains(body, "@luc@bsky.app") || !strings.Contains(body, "journaliste") || !strings.Contains(body, "/unmerge") {
		t.Fatalf("merged profile without the second identity, its tag or the unmerge action")
	}
	if resp, _ := b.post("/people/"+itoa(p1)+"/unmerge", url.Values{"author_id": {itoa(second)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unmerge: %d", resp.StatusCode)
	}
	if p, _ := h.app.Store.Person(ctx, p1); len(p.Identities) != 1 || p.Identities[0].AuthorID != first {
		t.Fatalf("after unmerge: %+v", p.Identities)
	}
}
