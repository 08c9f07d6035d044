package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func TestCommunityCRUDAndMembers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		for _, bad := range []store.Community{{Slug: "Fr Market", Name: "x", Kind: "market"}, {Slug: "fr", Name: " ", Kind: "market"}, {Slug: "fr", Name: "France", Kind: "planet"}} {
			if _, err := s.CreateCommunity(ctx, a, bad); !errors.Is(err, store.ErrInvalidValue) {
				t.Errorf("create %+v: %v, want invalid", bad, err)
			}
		}
		fr := must(s.CreateCommunity(ctx, a, store.Community{Slug: "fr", Name: "France", Kind: "country"}))
		if fr.ID == 0 || fr.Kind != "country" || len(fr.Members) != 0 {
			t.Fatalf("created %+v", fr)
		}
		if _, err := s.CreateCommunity(ctx, a, store.Community{Slug: "fr", Name: "Again", Kind: "country"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("slug twice: %v", err)
		}
		must(s.CreateCommunity(ctx, a, store.Community{Slug: "brand-x", Name: "Brand X", Kind: "brand"}))
		u := must(s.CreateUser(ctx, a, store.User{Email: "lea@example.com", Role: "agent"}, ""))
		for _, slug := range []string{"fr", "brand-x", "fr"} {
			if err := s.AddCommunityMember(ctx, a, slug, u.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddCommunityMember(ctx, a, "fr", 9999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown user: %v", err)
		}
		if got := must(s.UserCommunities(ctx, u.ID)); !equal(got, []string{"brand-x", "fr"}) {
			t.Fatalf("user communities = %v", got)
		}
		if err := s.RemoveCommunityMember(ctx, a, "brand-x", u.ID); err != nil {
			t.Fatal(err)
		}
		if got := must(s.UserCommunities(ctx, u.ID)); !equal(got, []string{"fr"}) {
			t.Fatalf("after removal = %v", got)
		}
		up := must(s.UpdateCommunity(ctx, a, store.Community{Slug: "fr", Name: "France métropolitaine", Kind: "market"}))
		if up.Name != "France métropolitaine" || up.Kind != "market" || len(up.Members) != 1 {
			t.Fatalf("updated %+v", up)
		}
		save(t, s, msg("m1", "hello", "fr", "customer", 0)) // community fr-market, created by the message
		if err := s.DeleteCommunity(ctx, a, "fr-market"); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("delete a community with messages: %v, want conflict", err)
		}
		if err := s.DeleteCommunity(ctx, a, "fr"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Community(ctx, "fr"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted community: %v", err)
		}
		if got := must(s.UserCommunities(ctx, u.ID)); len(got) != 0 {
			t.Fatalf("membership outlived the community: %v", got)
		}
	})
}

func TestAssignmentRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		must(s.CreateCommunity(ctx, a, store.Community{Slug: "quebec", Name: "Québec", Kind: "market"}))
		must(s.CreateCommunity(ctx, a, store.Community{Slug: "french", Name: "French", Kind: "language"}))
		must(s.CreateCommunity(ctx, a, store.Community{Slug: "fibre", Name: "Fibre", Kind: "brand"}))
		if _, err := s.SetCommunityRules(ctx, a, "quebec", []store.CommunityRule{{}}); !errors.Is(err, store.ErrInvalidValue) {
			t.Fatalf("empty rule: %v", err)
		}
		if _, err := s.SetCommunityRules(ctx, a, "quebec", []store.CommunityRule{{Langs: []string{"French!"}}}); !errors.Is(err, store.ErrInvalidValue) {
			t.Fatalf("bad language: %v", err)
		}
		must(s.SetCommunityRules(ctx, a, "quebec", []store.CommunityRule{{Position: 1, Langs: []string{"fr"}, Places: []string{"Montréal", "Québec"}}}))
		must(s.SetCommunityRules(ctx, a, "fibre", []store.CommunityRule{{Position: 2, Keywords: []string{"fibre optique", "box"}}}))
		must(s.SetCommunityRules(ctx, a, "french", []store.CommunityRule{{Position: 3, Langs: []string{"fr"}}}))
		cases := []struct{ text, lang, account, want string }{
			{"Panne à MONTRÉAL ce matin", "fr", "", "quebec"},
			{"Panne à Montréalais", "fr", "", "french"},        // a whole word, not a prefix
			{"Ma fibre optique est coupée", "fr", "", "fibre"}, // position 2 before 3
			{"Ma fibre est coupée", "fr", "", "french"},
			{"My box is down", "en", "", "fibre"},
			{"Hello from Montréal", "en", "", ""}, // the place rule wants French too
			{"Panne à Montréal", "fr", "from-account", "from-account"},
		}
		for _, c := range cases {
			m := &message.Message{Text: c.text, Community: c.account}
			m.Analysis.Lang = c.lang
			if err := s.AssignCommunity(ctx, m); err != nil {
				t.Fatal(err)
			}
			if m.Community != c.want {
				t.Errorf("%q (%s): community %q, want %q", c.text, c.lang, m.Community, c.want)
			}
		}
		must(s.SetCommunityRules(ctx, a, "fibre", nil)) // a change is seen at once
		m := &message.Message{Text: "My box is down"}
		m.Analysis.Lang = "en"
		if s.AssignCommunity(ctx, m); m.Community != "" {
			t.Fatalf("after the rules were removed: %q", m.Community)
		}
		if got := must(s.CommunityRules(ctx, "")); len(got) != 2 || got[0].Community != "quebec" {
			t.Fatalf("rules = %+v", got)
		}
	})
}
