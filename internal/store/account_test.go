package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

func TestAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		admin := store.Actor{Name: "test"}
		acc, err := s.CreateAccount(ctx, admin, store.Account{Kind: "mastodon", Handle: "@acme@example.social",
			Community: "france", Config: []byte(`{"server":"https://example.social"}`), Secrets: "sealed", Enabled: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateAccount(ctx, admin, store.Account{Kind: "mastodon", Handle: "@acme@example.social"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second create: %v, want ErrConflict", err)
		}
		acc.Enabled, acc.Secrets = false, "sealed2"
		if err := s.UpdateAccount(ctx, admin, acc); err != nil {
			t.Fatal(err)
		}
		got, err := s.AccountByID(ctx, acc.ID)
		if err != nil || got.Enabled || got.Secrets != "sealed2" || got.Community != "france" || got.Kind != "mastodon" {
			t.Fatalf("read back %+v, %v", got, err)
		}
		st, err := s.AccountStateOf(ctx, acc.ID)
		if err != nil || st.Status != "stopped" {
			t.Fatalf("fresh state %+v, %v", st, err)
		}
		st.Status, st.Cursor, st.LagMillis = "connected", "42", 7
		if err := s.SaveAccountState(ctx, st); err != nil {
			t.Fatal(err)
		}
		if st, _ = s.AccountStateOf(ctx, acc.ID); st.Cursor != "42" || st.Status != "connected" {
			t.Fatalf("state %+v", st)
		}
		if err := s.DeleteAccount(ctx, admin, acc.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AccountByID(ctx, acc.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("after delete: %v", err)
		}
	})
}
