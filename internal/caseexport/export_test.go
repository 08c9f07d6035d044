package caseexport_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/caseexport"
	"github.com/switchboard-crm/switchboard/internal/channel"
	"github.com/switchboard-crm/switchboard/internal/channel/channeltest"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// evil is message text that tries every way out of a JSON string.
const evil = "refund now\"}, \"priority\": \"urgent\", \"x\": {\"\\u0000</script>\n\t\\"

// receiver is a local external system: it keeps every request and answers
// with the next programmed answer.
type receiver struct {
	mu      sync.Mutex
	bodies  [][]byte
	headers []http.Header
	answer  func(w http.ResponseWriter)
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.bodies, r.headers = append(r.bodies, body), append(r.headers, req.Header.Clone())
	answer := r.answer
	r.mu.Unlock()
	answer(w)
}

func (r *receiver) calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.bodies)
}

// conversation stores a post and a reply holding evil text.
func conversation(t *testing.T, s *store.Store) int64 {
	t.Helper()
	root := &message.Message{Channel: "mastodon", ExternalID: "1", Text: "Mon colis est perdu", CreatedAt: t0, ReceivedAt: t0, RoutedAt: t0,
		Author: message.Author{Handle: "@ana@example.social", Name: "Ana", Followers: 120}, Community: "fr-market"}
	root.Analysis = message.Analysis{Lang: "fr", Sentiment: message.Negative, Class: message.ClassComplaint, Confidence: 0.9}
	root.Decision = message.Decision{Department: "relation-client", Priority: message.PriorityNormal, Status: message.StatusNew, Reason: "test"}
	reply := *root
	reply.ExternalID, reply.InReplyTo, reply.Text = "2", "1", evil
	reply.CreatedAt = t0.Add(time.Minute)
	saved, err := s.SaveMessages(context.Background(), []*message.Message{root, &reply})
	if err != nil {
		t.Fatal(err)
	}
	return saved[1].ID
}

const ticketTemplate = `{"title": {{json .Subject}}, "group": {{json .Department}}, "note": {{json (thread .)}},
 "text": {{json .Text}}, "author": {{json .Author.Handle}}, "link": {{json .Link}}, "score": {{.SentimentScore}}}`

func exporter(t *testing.T, s *store.Store, url string, timeoutMS int) *caseexport.Exporter {
	t.Helper()
	keys, err := channel.NewKeyring(channeltest.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	e := &caseexport.Exporter{Store: s, Keys: keys, BaseURL: "https://sb.example"}
	_, err = e.Put(context.Background(), store.Actor{Name: "admin"}, caseexport.Spec{
		Name: "crm", URL: url, BodyTemplate: ticketTemplate, Headers: map[string]string{"X-Source": "switchboard"},
		SecretHeaders: map[string]string{"Authorization": "Token token=s3cret"}, IDPointer: "/id", URLPointer: "/links/0/href",
		TimeoutMS: timeoutMS,
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// A case is created once per conversation and target: the body is valid
// JSON carrying the hostile text intact, the secret header is sent, the id
// and URL are read back; a second try is refused unless forced.
func TestCreateCaseOnceWithHostileText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rcv := &receiver{answer: func(w http.ResponseWriter) {
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"id": 4711, "links": [{"href": "https://crm.example/t/4711"}]}`)
		}}
		srv := httptest.NewServer(rcv)
		defer srv.Close()
		e := exporter(t, s, srv.URL, 2000)
		id := conversation(t, s)
		ana := store.Actor{Name: "user:ana@example.com"}
		c, err := e.Create(ctx, ana, "crm", id, false)
		if err != nil || c.Status != store.CaseCreated || c.ExternalID != "4711" || c.ExternalURL != "https://crm.example/t/4711" || c.ResponseCode != 201 {
			t.Fatalf("create: %+v, %v", c, err)
		}
		var body map[string]any
		if err := json.Unmarshal(rcv.bodies[0], &body); err != nil {
			t.Fatalf("body is not JSON: %v\n%s", err, rcv.bodies[0])
		}
		if body["text"] != evil || body["title"] != "Mon colis est perdu" || body["group"] != "relation-client" || len(body) != 7 {
			t.Fatalf("body fields %v", body)
		}
		if !strings.Contains(body["note"].(string), evil) || body["link"] != "https://sb.example/m/"+itoa(id) {
			t.Fatalf("note or link %v", body)
		}
		if h := rcv.headers[0]; h.Get("Authorization") != "Token token=s3cret" || h.Get("X-Source") != "switchboard" || h.Get("Content-Type") != "application/json" {
			t.Fatalf("headers %v", h)
		}
		again, err := e.Create(ctx, ana, "crm", id, false)
		if !errors.Is(err, store.ErrCaseExists) || again.ID != c.ID || rcv.calls() != 1 {
			t.Fatalf("second create: %+v, %v, %d calls; want the first case and ErrCaseExists", again, err, rcv.calls())
		}
		forced, err := e.Create(ctx, ana, "crm", id, true)
		if err != nil || !forced.Forced || forced.ID == c.ID || rcv.calls() != 2 {
			t.Fatalf("forced create: %+v, %v", forced, err)
		}
		cases, err := s.Cases(ctx, c.ThreadID)
		if err != nil || len(cases) != 2 || cases[1].Actor != ana.Name {
			t.Fatalf("cases of the conversation: %+v, %v", cases, err)
		}
		log, _ := s.AuditLog(ctx, 0, 10)
		if log[0].Action != "case.created" || strings.Contains(string(log[0].Details), "s3cret") {
			t.Fatalf("audit %+v", log[0])
		}
	})
}

// Refusals and silence are stored as failed cases with the reason; they do
// not block a new try.
func TestCreateCaseRemoteErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rcv := &receiver{}
		srv := httptest.NewServer(rcv)
		defer srv.Close()
		e := exporter(t, s, srv.URL, 300)
		id := conversation(t, s)
		a := store.Actor{Name: "user:ana@example.com"}
		for _, tc := range []struct {
			name   string
			answer func(w http.ResponseWriter)
			code   int
			err    string
		}{
			{"422", func(w http.ResponseWriter) { http.Error(w, `{"error":"group unknown"}`, 422) }, 422, "422 Unprocessable Entity"},
			{"503", func(w http.ResponseWriter) { http.Error(w, "maintenance", 503) }, 503, "503 Service Unavailable"},
			{"timeout", func(w http.ResponseWriter) { time.Sleep(800 * time.Millisecond) }, 0, "no answer within 300ms"},
		} {
			rcv.mu.Lock()
			rcv.answer = tc.answer
			rcv.mu.Unlock()
			c, err := e.Create(ctx, a, "crm", id, false)
			if err != nil || c.Status != store.CaseFailed || c.ResponseCode != tc.code || !strings.Contains(c.Error, tc.err) {
				t.Fatalf("%s: %+v, %v", tc.name, c, err)
			}
		}
		cases, _ := s.Cases(ctx, conversationOf(t, s, id))
		if len(cases) != 3 || cases[2].ResponseBody != "{\"error\":\"group unknown\"}\n" || cases[0].Error == "" {
			t.Fatalf("stored failures %+v", cases)
		}
		rcv.mu.Lock()
		rcv.answer = func(w http.ResponseWriter) { io.WriteString(w, `{"no":"id"}`) }
		rcv.mu.Unlock()
		c, err := e.Create(ctx, a, "crm", id, false)
		if err != nil || c.Status != store.CaseCreated || c.ExternalID != "" || !strings.Contains(c.Error, "no id at /id") {
			t.Fatalf("answer without id: %+v, %v", c, err)
		}
	})
}

func conversationOf(t *testing.T, s *store.Store, id int64) int64 {
	m, err := s.Message(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m.ThreadID
}

// The preview shows the rendered request with the secret masked, and calls
// nothing.
func TestPreviewMasksSecrets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		rcv := &receiver{answer: func(w http.ResponseWriter) {}}
		srv := httptest.NewServer(rcv)
		defer srv.Close()
		e := exporter(t, s, srv.URL, 1000)
		id := conversation(t, s)
		req, err := e.Preview(context.Background(), "crm", id)
		if err != nil || req.Method != "POST" || req.URL != srv.URL || req.Headers["Authorization"] == "Token token=s3cret" ||
			req.Headers["Authorization"] == "" || !json.Valid([]byte(req.Body)) || rcv.calls() != 0 {
			t.Fatalf("preview %+v, %v, %d calls", req, err, rcv.calls())
		}
		if _, err := e.Preview(context.Background(), "nowhere", id); !errors.Is(err, caseexport.ErrInvalid) {
			t.Fatalf("unknown target: %v", err)
		}
		v := e.ViewOf(mustTarget(t, s, "crm"))
		if len(v.SecretHeaders) != 1 || v.SecretHeaders[0] != "Authorization" {
			t.Fatalf("view %+v", v)
		}
	})
}

func mustTarget(t *testing.T, s *store.Store, name string) store.CaseTarget {
	tg, err := s.CaseTarget(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// A caller that goes away while the external system is creating the case
// (a browser closed, a proxy's timeout) does not make it a failure: the
// call runs to its answer within the target's timeout, and the case is
// recorded created, so that another try does not make a duplicate there.
func TestCreateOutlivesItsCaller(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rcv := &receiver{answer: func(w http.ResponseWriter) {
			cancel() // the caller leaves once the external system has the request
			time.Sleep(200 * time.Millisecond)
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"id": 99, "links": [{"href": "https://crm.example/t/99"}]}`)
		}}
		srv := httptest.NewServer(rcv)
		defer srv.Close()
		e := exporter(t, s, srv.URL, 5000)
		id := conversation(t, s)
		c, err := e.Create(ctx, store.Actor{Name: "user:ana@example.com"}, "crm", id, false)
		if err != nil || c.Status != store.CaseCreated || c.ExternalID != "99" {
			t.Fatalf("create whose caller left: %+v, %v; want created with id 99", c, err)
		}
	})
}
