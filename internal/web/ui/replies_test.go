package ui_test

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestReplyNeedingApproval(t *testing.T) {
	h := newHarness(t)
	h.user("ana@example.com", "agent", "juridique")
	h.user("rex@example.com", "reviewer", "juridique")
	h.user("val@example.com", "reviewer", "relation-client")
	m := h.ingest("1", "Mon avocat vous envoie une mise en demeure")
	if !m.RequiresApproval {
		t.Fatalf("legal message does not require approval: %+v", m.Decision)
	}
	ana, rex, val := h.browser(), h.browser(), h.browser()
	ana.signIn("ana@example.com")
	rex.signIn("rex@example.com")
	val.signIn("val@example.com")
	ana.get("/m/" + itoa(m.ID))
	if resp, _ := ana.post("/m/"+itoa(m.ID)+"/replies", url.Values{"body": {"   "}}); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("empty reply: %d", resp.StatusCode)
	}
	ana.post("/m/"+itoa(m.ID)+"/replies", url.Values{"body": {"Nous revenons vers vous."}})
	replies, _ := h.app.Store.Replies(context.Background(), m.ID)
	if len(replies) != 1 || replies[0].Status != store.ReplyPendingApproval {
		t.Fatalf("replies %+v, want one waiting for approval", replies)
	}
	first := itoa(replies[0].ID)
	if code, body := rex.get("/review"); code != 200 || !strings.Contains(body, "Nous revenons vers vous.") {
		t.Fatalf("review queue: %d", code)
	}
	if resp, _ := val.post("/replies/"+first+"/approve", nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a reviewer of another department approves: %d", resp.StatusCode)
	}
	if resp, _ := ana.post("/replies/"+first+"/approve", nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an agent approves: %d", resp.StatusCode)
	}
	if resp, _ := rex.post("/replies/"+first+"/reject", url.Values{"comment": {""}}); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("reject without comment: %d", resp.StatusCode)
	}
	rex.post("/replies/"+first+"/reject", url.Values{"comment": {"Citez l'article 12."}})
	if _, body := ana.get("/m/" + itoa(m.ID)); !strings.Contains(body, "Citez l&#39;article 12.") || !strings.Contains(body, ">Nous revenons vers vous.</textarea>") {
		t.Fatalf("the rejected reply does not come back to its author with the comment")
	}
	ana.post("/m/"+itoa(m.ID)+"/replies", url.Values{"body": {"Selon l'article 12, nous revenons vers vous."}})
	replies, _ = h.app.Store.Replies(context.Background(), m.ID)
	second := itoa(replies[1].ID)
	rex.get("/review")
	if resp, _ := rex.post("/replies/"+second+"/approve", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	if resp, _ := rex.post("/replies/"+second+"/approve", nil); resp.StatusCode != http.StatusConflict {
		t.Fatalf("approve twice: %d", resp.StatusCode)
	}
	waitReply(t, h, replies[1].ID, store.ReplySent)
	log, _ := h.app.Store.AuditLog(context.Background(), 0, 100)
	var actions []string
	for _, e := range log {
		if strings.HasPrefix(e.Action, "reply.") {
			actions = append([]string{e.Actor + " " + e.Action}, actions...)
		}
	}
	want := "user:ana@example.com reply.create,user:rex@example.com reply.reject,user:ana@example.com reply.create,user:rex@example.com reply.approve,outbound reply.sent"
	if strings.Join(actions, ",") != want {
		t.Fatalf("audit log:\n%s\nwant\n%s", strings.Join(actions, ","), want)
	}
}

func TestReplyWithoutApprovalIsSent(t *testing.T) {
	h := newHarness(t)
	h.user("root@example.com", "admin")
	m := h.ingest("1", "Bravo pour le nouveau service, super équipe")
	if m.RequiresApproval {
		t.Skip("the message requires approval")
	}
	b := h.browser()
	b.signIn("root@example.com")
	b.get("/m/" + itoa(m.ID))
	b.post("/m/"+itoa(m.ID)+"/replies", url.Values{"body": {"Merci !"}})
	replies, _ := h.app.Store.Replies(context.Background(), m.ID)
	if len(replies) != 1 {
		t.Fatalf("replies: %+v", replies)
	}
	waitReply(t, h, replies[0].ID, store.ReplySent)
	// An admin may not approve their own reply either: four eyes.
	m2 := h.ingest("2", "Mon avocat vous envoie une mise en demeure")
	b.get("/m/" + itoa(m2.ID))
	b.post("/m/"+itoa(m2.ID)+"/replies", url.Values{"body": {"Bien reçu."}})
	r2, _ := h.app.Store.Replies(context.Background(), m2.ID)
	if resp, _ := b.post("/replies/"+itoa(r2[0].ID)+"/approve", nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("approve own reply: %d", resp.StatusCode)
	}
}

func waitReply(t *testing.T, h *harness, id int64, status string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if r, err := h.app.Store.Reply(context.Background(), id); err == nil && r.Status == status {
			return
		}
	}
	r, _ := h.app.Store.Reply(context.Background(), id)
	t.Fatalf("reply %d is %s, want %s", id, r.Status, status)
}

func TestLiveEventsAreScoped(t *testing.T) {
	h := newHarness(t)
	h.user("ana@example.com", "agent", "juridique")
	b := h.browser()
	b.signIn("ana@example.com")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", h.url+"/events", nil)
	resp, err := b.c.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("events: %v %v", err, resp)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	lines.Scan() // the stream is open
	h.ingest("other", "Bravo pour le nouveau service, super équipe")
	legal := h.ingest("legal", "Mon avocat vous envoie une mise en demeure <b>now</b>")
	for lines.Scan() {
		l := lines.Text()
		if !strings.HasPrefix(l, "data: ") {
			continue
		}
		if strings.Contains(l, "Bravo") {
			t.Fatalf("an event of another department reached the agent: %s", l)
		}
		if !strings.Contains(l, `"id":`+itoa(legal.ID)) || !strings.Contains(l, `"department":"juridique"`) {
			t.Fatalf("event %s", l)
		}
		return
	}
	t.Fatalf("no event: %v", lines.Err())
}
