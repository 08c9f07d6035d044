package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/access"
	"github.com/switchboard-crm/switchboard/internal/influence"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
	"github.com/switchboard-crm/switchboard/internal/web/api"
)

// leaderMessages: Bob and Carol answer Ana; Carol complains twice.
func leaderMessages() []*message.Message {
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	mk := func(id, handle, text, reply string, s message.Sentiment, c message.Class) *message.Message {
		m := &message.Message{Channel: "mastodon", ExternalID: id, Text: text, InReplyTo: reply, Community: "fr-market",
			CreatedAt: at, ReceivedAt: at, RoutedAt: at, Author: message.Author{Handle: handle, Followers: 10}}
		m.Analysis = message.Analysis{Lang: "en", Sentiment: s, Class: c, Confidence: 0.9}
		m.Decision = message.Decision{Department: "customer", Priority: message.PriorityNormal, Status: message.StatusNew, Reason: "test"}
		at = at.Add(time.Minute)
		return m
	}
	return []*message.Message{
		mk("1", "ana", "<b>The new cabin</b> is great", "", message.Positive, message.ClassPraise),
		mk("2", "bob", "@ana agreed", "1", message.Positive, message.ClassPraise),
		mk("3", "carol", "@ana no, my bag is lost", "1", message.Negative, message.ClassComplaint),
		mk("4", "carol", "still no bag, RT @ana", "", message.Negative, message.ClassComplaint),
	}
}

func TestLeadersAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.SaveMessages(ctx, leaderMessages()); err != nil {
			t.Fatal(err)
		}
		if _, err := influence.Sync(ctx, s); err != nil {
			t.Fatal(err)
		}
		if _, err := (&influence.Engine{Store: s}).Recompute(ctx, false); err != nil {
			t.Fatal(err)
		}
		plain, hash, _ := access.NewToken()
		if _, err := s.CreateToken(ctx, store.Actor{Name: "test"}, "analyst", "analyst", 0, hash); err != nil {
			t.Fatal(err)
		}
		hs := httptest.NewServer((&api.Server{Store: s, Version: "test"}).Handler())
		defer hs.Close()
		get := func(path string, out any) int {
			req, _ := http.NewRequest("GET", hs.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+plain)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if out != nil {
				json.NewDecoder(res.Body).Decode(out)
			}
			return res.StatusCode
		}
		var page struct{ Leaders []store.Leader }
		if code := get("/api/v1/communities/fr-market/leaders?recent=1", &page); code != 200 || len(page.Leaders) != 3 {
			t.Fatalf("leaders: %d, %+v", code, page)
		}
		ana := page.Leaders[0]
		if ana.Handle != "ana" || ana.Score != 100 || ana.Stance != 1 || len(ana.Recent) != 1 || ana.Recent[0].Text != "<b>The new cabin</b> is great" {
			t.Errorf("first leader %+v: want Ana, score 100, advocate, her message as written", ana)
		}
		if code := get("/api/v1/leaders?limit=1", &page); code != 200 || len(page.Leaders) != 1 || page.Leaders[0].Handle != "ana" {
			t.Errorf("global leaders: %d %+v", code, page)
		}
		for path, want := range map[string]int{
			"/api/v1/communities/nowhere/leaders": 404, "/api/v1/leaders?limit=0": 400, "/api/v1/leaders?limit=x": 400,
			"/api/v1/leaders?recent=99": 400, "/api/v1/repeaters?min=0": 400, "/api/v1/influence?handle=ana": 400,
		} {
			if code := get(path, nil); code != want {
				t.Errorf("GET %s: %d, want %d", path, code, want)
			}
		}
		var rep struct{ People []store.Repeater }
		if code := get("/api/v1/repeaters?class=complaint&min=2", &rep); code != 200 || len(rep.People) != 1 || rep.People[0].Handle != "carol" {
			t.Errorf("repeaters: %d %+v, want Carol", code, rep)
		}
		var inf struct{ Score float64 }
		if code := get("/api/v1/influence?channel=mastodon&handle=ana&community=fr-market", &inf); code != 200 || inf.Score != 100 {
			t.Errorf("influence of Ana: %d %+v", code, inf)
		}
	})
}
