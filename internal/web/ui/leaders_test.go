package ui_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/message"
)

// seedLeaders stores a conversation whose most influential author has a
// hostile handle, and computes the scores.
func (h *harness) seedLeaders() {
	h.t.Helper()
	at := time.Now().Add(-time.Hour)
	mk := func(id, handle, text, reply string, s message.Sentiment) *message.Message {
		m := &message.Message{Channel: "mastodon", ExternalID: id, Text: text, InReplyTo: reply, Community: "fr-market",
			CreatedAt: at, ReceivedAt: at, RoutedAt: at, Author: message.Author{Handle: handle, Followers: 100}}
		m.Analysis = message.Analysis{Lang: "fr", Sentiment: s, Class: message.ClassComplaint, Confidence: 0.9}
		m.Decision = message.Decision{Department: "relation-client", Priority: message.PriorityNormal, Status: message.StatusNew, Reason: "test"}
		at = at.Add(time.Minute)
		return m
	}
	ctx := context.Background()
	_, err := h.app.Store.SaveMessages(ctx, []*message.Message{
		mk("l1", "<script>alert(1)</script>", "Colis <b>perdu</b>", "", message.Negative),
		mk("l2", "bob", "même chose", "l1", message.Negative),
		mk("l3", "carol", "moi aussi", "l1", message.Positive),
	})
	if err == nil {
		_, err = influence.Sync(ctx, h.app.Store)
	}
	if err == nil {
		_, err = (&influence.Engine{Store: h.app.Store}).Recompute(ctx, false)
	}
	if err != nil {
		h.t.Fatal(err)
	}
}

func TestLeadersPageAndStakeholderMap(t *testing.T) {
	h := newHarness(t)
	h.seedLeaders()
	h.user("ana@example.com", "analyst")
	b := h.browser()
	b.signIn("ana@example.com")
	code, body := b.get("/leaders?community=fr-market")
	if code != 200 || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") || strings.Contains(body, "<script>alert") {
		t.Fatalf("leaders page: %d, hostile handle escaped: %v", code, strings.Contains(body, "&lt;script&gt;"))
	}
	if !strings.Contains(body, "Leaders d&#39;opinion") || !strings.Contains(body, "Colis &lt;b&gt;perdu&lt;/b&gt;") || !strings.Contains(body, `href="/leaders"`) {
		t.Errorf("leaders page lacks the French title, the escaped recent message or the nav link")
	}
	code, body = b.get("/leaders/map?community=fr-market")
	if code != 200 || strings.Count(body, "<text x=") != 3 || strings.Count(body, "<line ") != 2 || strings.Contains(body, "<script>alert") {
		t.Fatalf("map: %d, %d people, %d lines", code, strings.Count(body, "<text x="), strings.Count(body, "<line "))
	}
	if !strings.Contains(body, `fill="#c62828"`) || !strings.Contains(body, `fill="#2e7d32"`) || !strings.Contains(body, `class="leader detractor"`) {
		t.Errorf("map lacks a detractor, an advocate or the outlined leader")
	}
	for path, want := range map[string]int{"/leaders?community=Bad!": http.StatusBadRequest, "/leaders/map?community=nowhere": http.StatusNotFound} {
		if code, _ := b.get(path); code != want {
			t.Errorf("GET %s: %d, want %d", path, code, want)
		}
	}
}
