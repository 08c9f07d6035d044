package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// by makes a message of a given author, sentiment and class.
func by(id, handle string, followers int64, sent message.Sentiment, class message.Class, at time.Duration) *message.Message {
	m := msg(id, "text of "+id, "en", "customer", at)
	m.Author = message.Author{Handle: handle, Name: handle[1:4], Followers: followers}
	m.Sentiment, m.Class = sent, class
	return m
}

func TestCustomFieldsValidateAndChangeNothingOnError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		for _, f := range []store.CustomField{
			{Key: "Plan", Label: "Plan", Type: "text"},
			{Key: "plan", Label: "Plan", Type: "colour"},
			{Key: "plan", Label: "Plan", Type: "list"},
			{Key: "plan", Label: "", Type: "text"},
			{Key: "plan", Label: "Plan", Type: "number", Options: []string{"a"}},
		} {
			if _, err := s.CreateCustomField(ctx, a, f); !errors.Is(err, store.ErrInvalidValue) {
				t.Errorf("create %+v: %v, want invalid", f, err)
			}
		}
		must(s.CreateCustomField(ctx, a, store.CustomField{Key: "plan", Label: "Plan", Type: "list", Options: []string{"gold", "silver"}}))
		must(s.CreateCustomField(ctx, a, store.CustomField{Key: "spend", Label: "Spend", Type: "number"}))
		must(s.CreateCustomField(ctx, a, store.CustomField{Key: "since", Label: "Since", Type: "date"}))
		must(s.CreateCustomField(ctx, a, store.CustomField{Key: "vip", Label: "VIP", Type: "checkbox"}))
		if _, err := s.CreateCustomField(ctx, a, store.CustomField{Key: "plan", Label: "Again", Type: "text"}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("same key twice: %v, want conflict", err)
		}
		p, _ := personFixture(t, s)
		good := map[string]string{"plan": "gold", "spend": "120.50", "since": "2024-02-29", "vip": "TRUE"}
		got, err := s.SetPersonFields(ctx, a, p.ID, good)
		if err != nil || len(got) != 4 {
			t.Fatalf("set fields: %+v, %v", got, err)
		}
		want := map[string]string{"plan": "gold", "spend": "120.5", "since": "2024-02-29", "vip": "true"}
		for _, v := range got {
			if want[v.Key] != v.Value {
				t.Errorf("%s = %q, want %q", v.Key, v.Value, want[v.Key])
			}
		}
		for _, bad := range []map[string]string{
			{"plan": "bronze"}, {"spend": "lots"}, {"since": "2024-02-30"}, {"vip": "maybe"}, {"nope": "x"},
			{"plan": "silver", "spend": "NaN"},
		} {
			if _, err := s.SetPersonFields(ctx, a, p.ID, bad); !errors.Is(err, store.ErrInvalidValue) {
				t.Errorf("set %v: %v, want invalid", bad, err)
			}
		}
		after, _ := s.PersonFields(ctx, p.ID)
		for _, v := range after {
			if want[v.Key] != v.Value {
				t.Errorf("after refusals %s = %q, want %q", v.Key, v.Value, want[v.Key])
			}
		}
		if got, _ := s.SetPersonFields(ctx, a, p.ID, map[string]string{"spend": ""}); len(got) != 3 {
			t.Fatalf("clearing spend left %d values, want 3", len(got))
		}
	})
}

// must gives v, or fails the test (by panic) on err.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestTagsNotesBioAndMergeKeepThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		ana, saved := personFixture(t, s)
		if _, err := s.AddTag(ctx, a, ana.ID, "  <b>x</b> "); !errors.Is(err, store.ErrInvalidValue) {
			t.Fatalf("bad tag: %v", err)
		}
		if tag := must(s.AddTag(ctx, a, ana.ID, " VIP ")); tag != "vip" {
			t.Fatalf("tag = %q, want vip", tag)
		}
		must(s.AddTag(ctx, a, ana.ID, "vip"))
		if _, err := s.AddTag(ctx, a, 9999, "vip"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("tag no one: %v", err)
		}
		if _, err := s.AddPersonNote(ctx, a, ana.ID, "   "); !errors.Is(err, store.ErrInvalidValue) {
			t.Fatalf("empty note: %v", err)
		}
		n := must(s.AddPersonNote(ctx, store.Actor{Name: "cli"}, ana.ID, "Called twice about luggage"))
		if n.Body != "Called twice about luggage" || n.CreatedAt.IsZero() {
			t.Fatalf("note = %+v", n)
		}
		if err := s.SetBio(ctx, a, ana.ID, "Frequent flyer"); err != nil {
			t.Fatal(err)
		}
		bob := must(s.PersonOfAuthor(ctx, a, authorOf(t, s, saved[2].ID)))
		if again := must(s.PersonOfAuthor(ctx, a, authorOf(t, s, saved[2].ID))); again != bob {
			t.Fatalf("person of author twice: %d then %d", bob, again)
		}
		must(s.AddTag(ctx, a, bob, "press"))
		must(s.AddTag(ctx, a, bob, "vip"))
		must(s.AddPersonNote(ctx, a, bob, "Journalist"))
		must(s.MergePeople(ctx, a, ana.ID, bob))
		pr := must(s.Profile(ctx, ana.ID))
		if len(pr.Tags) != 2 || pr.Tags[0].Name != "press" || pr.Tags[1].Name != "vip" || len(pr.Notes) != 2 || pr.Bio != "Frequent flyer" {
			t.Fatalf("after merge: tags %+v notes %+v bio %q", pr.Tags, pr.Notes, pr.Bio)
		}
		if pr.Messages != 3 || pr.Complaints != 3 || len(pr.Conversations) != 3 || pr.Followers != 120 {
			t.Fatalf("profile counts: %d messages %d complaints %d conversations %d followers", pr.Messages, pr.Complaints, len(pr.Conversations), pr.Followers)
		}
		if len(pr.Sentiment) != 1 || pr.Sentiment[0].Negative != 3 || pr.Sentiment[0].Week.Weekday() != time.Monday {
			t.Fatalf("sentiment = %+v", pr.Sentiment)
		}
		if len(pr.Communities) != 1 || pr.Communities[0].Value != "fr-market" || pr.Communities[0].N != 3 {
			t.Fatalf("communities = %+v", pr.Communities)
		}
		if err := s.RemoveTag(ctx, a, ana.ID, "press"); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveTag(ctx, a, ana.ID, "press"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("remove twice: %v", err)
		}
	})
}

func TestSegmentsEvaluate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Actor{Name: "test"}
		ms := []*message.Message{
			by("c1", "@carl@x.social", 5000, message.Negative, message.ClassComplaint, 0),
			by("c2", "@carl@x.social", 5000, message.Negative, message.ClassComplaint, time.Minute),
			by("c3", "@carl@x.social", 5000, message.Positive, message.ClassPraise, 2*time.Minute),
			by("d1", "@dora@x.social", 50, message.Negative, message.ClassComplaint, 0),
			by("e1", "@eve@x.social", 900, message.Positive, message.ClassPraise, 0),
			by("e2", "@eve@x.social", 900, message.Neutral, message.ClassNoise, 0),
		}
		ms[4].Analysis.Lang, ms[4].Community = "fr", "be-market"
		saved := save(t, s, ms...)
		carl := must(s.PersonOfAuthor(ctx, a, authorOf(t, s, saved[0].ID)))
		eve := must(s.PersonOfAuthor(ctx, a, authorOf(t, s, saved[4].ID)))
		must(s.AddTag(ctx, a, carl, "vip"))
		must(s.CreateCustomField(ctx, a, store.CustomField{Key: "spend", Label: "Spend", Type: "number"}))
		must(s.SetPersonFields(ctx, a, carl, map[string]string{"spend": "90"}))
		must(s.SetPersonFields(ctx, a, eve, map[string]string{"spend": "1000"}))
		cases := []struct {
			name string
			f    store.SegmentFilter
			want []string
		}{
			{"all", store.SegmentFilter{}, []string{"@carl@x.social", "@eve@x.social", "@dora@x.social"}},
			{"tag", store.SegmentFilter{Tag: "VIP"}, []string{"@carl@x.social"}},
			{"complained twice", store.SegmentFilter{MinComplaints: 2}, []string{"@carl@x.social"}},
			{"complained once", store.SegmentFilter{MinComplaints: 1}, []string{"@carl@x.social", "@dora@x.social"}},
			{"negative", store.SegmentFilter{Sentiment: "negative"}, []string{"@carl@x.social", "@dora@x.social"}},
			{"positive", store.SegmentFilter{Sentiment: "positive"}, []string{"@eve@x.social"}},
			{"followers", store.SegmentFilter{MinFollowers: 900}, []string{"@carl@x.social", "@eve@x.social"}},
			{"language", store.SegmentFilter{Language: "fr"}, []string{"@eve@x.social"}},
			{"community", store.SegmentFilter{Community: "be-market"}, []string{"@eve@x.social"}},
			{"spend > 100 as a number", store.SegmentFilter{Fields: []store.FieldCondition{{Key: "spend", Op: "gt", Value: "100"}}}, []string{"@eve@x.social"}},
			{"spend set", store.SegmentFilter{Fields: []store.FieldCondition{{Key: "spend", Op: "set"}}}, []string{"@carl@x.social", "@eve@x.social"}},
			{"search", store.SegmentFilter{Query: "DOR"}, []string{"@dora@x.social"}},
			{"search a tag", store.SegmentFilter{Query: "vi"}, []string{"@carl@x.social"}},
			{"seen long ago", store.SegmentFilter{SeenWithinDays: 1}, nil},
			{"both", store.SegmentFilter{Tag: "vip", Language: "fr"}, nil},
		}
		for _, c := range cases {
			members, total, err := s.SegmentMembers(ctx, c.f, 0)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			var got []string
			for _, m := range members {
				got = append(got, m.Handle)
			}
			if total != len(c.want) || !equal(got, c.want) {
				t.Errorf("%s: %v (%d), want %v", c.name, got, total, c.want)
			}
		}
		for _, bad := range []store.SegmentFilter{{Sentiment: "angry"}, {MinFollowers: -1}, {Fields: []store.FieldCondition{{Key: "nope", Op: "eq"}}},
			{Fields: []store.FieldCondition{{Key: "spend", Op: "gt", Value: "lots"}}}, {Fields: []store.FieldCondition{{Key: "spend", Op: "like"}}}} {
			if _, _, err := s.SegmentMembers(ctx, bad, 0); !errors.Is(err, store.ErrInvalidValue) {
				t.Errorf("filter %+v: %v, want invalid", bad, err)
			}
		}
		mine := must(s.SaveSegment(ctx, store.Actor{Name: "test", UserID: 0}, store.Segment{Name: "Complainers", Filter: store.SegmentFilter{MinComplaints: 2}, Shared: true}))
		if mine.ID == 0 || mine.Filter.MinComplaints != 2 || !mine.Shared {
			t.Fatalf("saved segment = %+v", mine)
		}
		if list := must(s.Segments(ctx, 42, false)); len(list) != 1 {
			t.Fatalf("shared segment not listed for another user: %+v", list)
		}
		mine.Shared = false
		must(s.SaveSegment(ctx, a, mine))
		if list := must(s.Segments(ctx, 42, false)); len(list) != 0 {
			t.Fatalf("private segment listed for another user: %+v", list)
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
