package ui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSignIn(t *testing.T) {
	h := newHarness(t)
	h.user("ana@example.com", "agent", "relation-client")
	b := h.browser()
	if resp, _ := b.c.Get(h.url + "/"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
		t.Fatalf("signed out: %d %s, want a redirect to /signin", resp.StatusCode, resp.Header.Get("Location"))
	}
	b.get("/signin")
	if resp, body := b.post("/signin", url.Values{"email": {"ana@example.com"}, "password": {"wrong password!"}}); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "incorrect") {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	b.get("/signin")
	if resp, _ := b.post("/signin", url.Values{"email": {"nobody@example.com"}, "password": {password}}); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unknown email: %d", resp.StatusCode)
	}
	b.get("/signin")
	resp, _ := b.post("/signin", url.Values{"email": {"ANA@example.com"}, "password": {password}, "next": {"https://evil.example/"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("sign in: %d → %q, want 303 → /", resp.StatusCode, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "sb_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || len(session.Value) < 40 {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, a long random value", session)
	}
	code, body := b.get("/")
	if code != 200 || !strings.Contains(body, `href="/queue/relation-client"`) || strings.Contains(body, `href="/queue/juridique"`) {
		t.Fatalf("inbox: %d; want the agent's queue and not the others", code)
	}
	// Signing out ends the session on the server, not only in the browser.
	b.post("/signout", nil)
	jarless := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest("GET", h.url+"/", nil)
	req.AddCookie(session)
	if resp, _ := jarless.Do(req); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("old session after sign-out: %d, want a redirect to sign in", resp.StatusCode)
	}
}

func TestSignInNeedsItsFormToken(t *testing.T) {
	h := newHarness(t)
	h.user("ana@example.com", "agent", "relation-client")
	b := h.browser()
	resp, _ := b.post("/signin", url.Values{"email": {"ana@example.com"}, "password": {password}, "csrf": {"forged"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("sign-in without the form's token: %d, want 403", resp.StatusCode)
	}
}

func TestSignInIsRateLimited(t *testing.T) {
	h := newHarness(t)
	h.user("ana@example.com", "agent", "relation-client")
	b := h.browser()
	codes := []int{}
	for range 7 {
		b.get("/signin")
		resp, _ := b.post("/signin", url.Values{"email": {"ana@example.com"}, "password": {"guess guess guess"}})
		codes = append(codes, resp.StatusCode)
	}
	if codes[0] != http.StatusUnauthorized || codes[6] != http.StatusTooManyRequests {
		t.Fatalf("codes %v: want 401 first, 429 after five tries on one account", codes)
	}
	// The right password is refused too while the account is limited.
	b.get("/signin")
	if resp, _ := b.post("/signin", url.Values{"email": {"ana@example.com"}, "password": {password}}); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("right password while limited: %d", resp.StatusCode)
	}
}

func TestDisabledUserCannotSignIn(t *testing.T) {
	h := newHarness(t)
	u := h.user("ana@example.com", "agent", "relation-client")
	admin := h.user("root@example.com", "admin")
	_ = admin
	b := h.browser()
	b.signIn("ana@example.com")
	a := h.browser()
	a.signIn("root@example.com")
	a.get("/admin/users/" + itoa(u.ID))
	resp, _ := a.post("/admin/users/"+itoa(u.ID), url.Values{"name": {"Ana"}, "role": {"agent"}, "departments": {"relation-client"}, "disabled": {"on"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if resp, _ := b.c.Get(h.url + "/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disabled user's session still works: %d", resp.StatusCode)
	}
	b.get("/signin")
	if resp, _ := b.post("/signin", url.Values{"email": {"ana@example.com"}, "password": {password}}); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("disabled user signs in: %d", resp.StatusCode)
	}
}
