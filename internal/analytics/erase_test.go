package analytics_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
	"github.com/switchboard-crm/switchboard/internal/store/storetest"
)

// TestEraseTakesTermsOutOfRollups erases a person whose counted messages
// brought a rare word: the word leaves the term rollups, the words others
// wrote keep their counts, and a message the worker had not read yet is
// counted as the erased text it now is.
func TestEraseTakesTermsOutOfRollups(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		s.CountTermsWith(analytics.Terms)
		mk := func(id, handle, text string, minute int) *message.Message {
			at := day0.Add(time.Duration(minute) * time.Minute)
			m := &message.Message{Channel: "x", ExternalID: id, Text: text, CreatedAt: at, ReceivedAt: at, RoutedAt: at,
				Author: message.Author{Handle: handle}, Community: "us-air"}
			m.Analysis = message.Analysis{Lang: "en", Sentiment: message.Negative, Class: message.ClassComplaint}
			m.Decision = message.Decision{Status: message.StatusNew}
			return m
		}
		var first []*message.Message
		for i := 0; i < 3; i++ {
			first = append(first, mk(fmt.Sprint("a", i), "@ana", "zanzibarique luggage lost", i),
				mk(fmt.Sprint("b", i), "@bob", "luggage lost", 10+i))
		}
		if _, err := s.SaveMessages(ctx, first); err != nil {
			t.Fatal(err)
		}
		w := &analytics.Worker{Store: s, GapWait: -1}
		if err := w.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		// one more of ana's, saved but not yet read by the worker
		if _, err := s.SaveMessages(ctx, []*message.Message{mk("a9", "@ana", "zanzibarique again", 30)}); err != nil {
			t.Fatal(err)
		}
		var author int64
		if err := s.DB().QueryRow(`SELECT id FROM authors WHERE handle = '@ana'`).Scan(&author); err != nil {
			t.Fatal(err)
		}
		p, err := s.CreatePerson(ctx, store.Actor{Name: "test"}, []int64{author})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ErasePerson(ctx, store.Actor{Name: "test"}, p.ID); err != nil {
			t.Fatal(err)
		}
		if err := w.CatchUp(ctx); err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		rows, err := s.DB().Query(`SELECT term, n FROM rollup_terms`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var term string
			var n int64
			if err := rows.Scan(&term, &n); err != nil {
				t.Fatal(err)
			}
			got[term] += n
		}
		if _, ok := got["zanzibarique"]; ok {
			t.Errorf("an erased person's word is still counted: %v", got)
		}
		if got["luggage"] != 3 || got["lost"] != 3 {
			t.Errorf("terms after erase %v: want luggage 3 and lost 3 (bob's only)", got)
		}
	})
}
