package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// TestProfileIsExportedAndErased: the export carries what users wrote about
// the person, and an erase leaves none of it, nor the handle in notes and
// bios written about other people.
func TestProfileIsExportedAndErased(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		ana, saved := personFixture(t, s)
		must(s.CreateCustomField(ctx, a, store.CustomField{Key: "city", Label: "City", Type: "text"}))
		must(s.AddTag(ctx, a, ana.ID, "zanzibar fan"))
		must(s.AddPersonNote(ctx, a, ana.ID, "Zanzibarique traveller, call back"))
		must(s.SetPersonFields(ctx, a, ana.ID, map[string]string{"city": "Zanzibar City"}))
		if err := s.SetBio(ctx, a, ana.ID, "Lives in Zanzibar"); err != nil {
			t.Fatal(err)
		}
		bob := must(s.PersonOfAuthor(ctx, a, authorOf(t, s, saved[2].ID)))
		must(s.AddPersonNote(ctx, a, bob, "Friend of "+anaHandle))
		if err := s.SetBio(ctx, a, bob, "Often quotes "+anaHandle); err != nil {
			t.Fatal(err)
		}
		ex := must(s.ExportPerson(ctx, ana.ID))
		if ex.Profile.Bio != "Lives in Zanzibar" || len(ex.Profile.Tags) != 1 || len(ex.Profile.Notes) != 1 || len(ex.Profile.Fields) != 1 {
			t.Fatalf("export profile = %+v", ex.Profile)
		}
		if _, err := s.ErasePerson(ctx, a, ana.ID); err != nil {
			t.Fatalf("erase: %v", err)
		}
		for _, table := range tables(t, s) {
			for _, cell := range cells(t, s, table) {
				low := strings.ToLower(cell)
				for _, secret := range []string{"ana@example", "zanzibar"} {
					if strings.Contains(low, secret) {
						t.Errorf("table %s still holds %q: %.120q", table, secret, cell)
					}
				}
			}
		}
		if pr := must(s.Profile(ctx, bob)); len(pr.Notes) != 1 || !strings.Contains(pr.Notes[0].Body, store.ErasedText) {
			t.Fatalf("bob's note = %+v", pr.Notes)
		}
	})
}
