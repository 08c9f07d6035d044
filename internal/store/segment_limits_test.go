package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// A segment's "contains" condition is bounded like a text value: a filter
// of a megabyte is refused, not saved and matched against every person at
// each view.
func TestSegmentContainsValueBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		if _, err := s.CreateCustomField(ctx, a, store.CustomField{Key: "city", Label: "City", Type: "text"}); err != nil {
			t.Fatal(err)
		}
		cond := func(v string) store.SegmentFilter {
			return store.SegmentFilter{Fields: []store.FieldCondition{{Key: "city", Op: "contains", Value: v}}}
		}
		if _, _, err := s.SegmentMembers(ctx, cond(strings.Repeat("é", 1000)), 0); err != nil {
			t.Errorf("1,000 characters: %v", err)
		}
		for _, bad := range []string{strings.Repeat("x", 1001), strings.Repeat("x", 1<<20), "\xff"} {
			if _, _, err := s.SegmentMembers(ctx, cond(bad), 0); !errors.Is(err, store.ErrInvalidValue) {
				t.Errorf("contains of %d bytes: %v, want invalid", len(bad), err)
			}
			if _, err := s.SaveSegment(ctx, a, store.Segment{Name: "big", Filter: cond(bad)}); !errors.Is(err, store.ErrInvalidValue) {
				t.Errorf("saved with contains of %d bytes: %v, want invalid", len(bad), err)
			}
		}
		if list, _ := s.Segments(ctx, 0, true); len(list) != 0 {
			t.Errorf("%d segments saved, want none", len(list))
		}
	})
}
