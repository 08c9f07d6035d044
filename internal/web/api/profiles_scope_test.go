package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/route"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// An agent sees on a profile the conversations of their departments, even
// when the person wrote hundreds of newer messages to another department
// (a profile lists the newest 200).
func TestProfileConversationsOfTheAgentsDepartments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		admin := store.Actor{Name: "test"}
		for _, d := range []string{"customer", "legal"} {
			if err := s.SaveDepartment(ctx, admin, route.Department{Slug: d, Name: d}); err != nil {
				t.Fatal(err)
			}
		}
		at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		var msgs []*message.Message
		for i := 0; i < 221; i++ {
			dep := "customer"
			if i == 0 {
				dep = "legal" // the oldest
			}
			m := &message.Message{Channel: "mastodon", ExternalID: fmt.Sprint(i), Text: fmt.Sprintf("message %d to %s", i, dep),
				CreatedAt: at, ReceivedAt: at, RoutedAt: at, Author: message.Author{Handle: "ana", Followers: 10}}
			m.Analysis = message.Analysis{Lang: "en", Sentiment: message.Negative, Class: message.ClassComplaint, Confidence: 0.9}
			m.Decision = message.Decision{Department: dep, Priority: message.PriorityNormal, Status: message.StatusNew, Reason: "test"}
			msgs = append(msgs, m)
			at = at.Add(time.Minute)
		}
		if _, err := s.SaveMessages(ctx, msgs); err != nil {
			t.Fatal(err)
		}
		aid, _, err := s.AuthorPerson(ctx, "mastodon", "ana")
		if err != nil {
			t.Fatal(err)
		}
		pid, err := s.PersonOfAuthor(ctx, admin, aid)
		if err != nil {
			t.Fatal(err)
		}
		u, err := s.CreateUser(ctx, admin, store.User{Email: "legal@example.com", Role: "agent", Departments: []string{"legal"}}, "")
		if err != nil {
			t.Fatal(err)
		}
		plain, hash, _ := access.NewToken()
		if _, err := s.CreateToken(ctx, admin, "legal", "agent", u.ID, hash); err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer((&api.Server{Store: s, Version: "test"}).Handler())
		defer hs.Close()
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/people/%d/profile", hs.URL, pid), nil)
		req.Header.Set("Authorization", "Bearer "+plain)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var pr store.Profile
		if err := json.NewDecoder(res.Body).Decode(&pr); err != nil || res.StatusCode != 200 {
			t.Fatalf("profile: %d %v", res.StatusCode, err)
		}
		if len(pr.Conversations) != 1 || pr.Conversations[0].Department != "legal" || pr.Messages != 221 {
			t.Errorf("agent of legal sees %d conversations of %d messages, want the 1 of legal", len(pr.Conversations), pr.Messages)
		}
	})
}
