package incident

import (
	"context"
	"errors"
	"sort"
	"time"

	"github.com/switchboard-crm/switchboard/internal/message"
	"github.com/switchboard-crm/switchboard/internal/store"
)

// Bounds of a report.
const (
	reportMessages = 100_000 // gathered messages read
	reportTop      = 10
	reportSamples  = 5
)

// Report is what the crisis room shows of an incident.
type Report struct {
	store.Incident
	Messages      int                  `json:"messages"`
	Timeline      []Point              `json:"timeline"`
	TopTerms      []TermCount          `json:"top_terms"`
	TopAuthors    []AuthorReach        `json:"top_authors"`
	Samples       []message.Message    `json:"samples"`
	Notifications []store.Notification `json:"notifications"`
}

// Point is the incident's volume and sentiment in one time bucket.
type Point struct {
	Time     time.Time `json:"time"`
	Messages int       `json:"messages"`
	Negative int       `json:"negative"`
}

// TermCount is a term and the number of the incident's messages with it.
type TermCount struct {
	Term     string `json:"term"`
	Messages int    `json:"messages"`
}

// AuthorReach is an author of the incident's messages and their reach.
type AuthorReach struct {
	Handle    string `json:"handle"`
	Followers int64  `json:"followers"`
	Messages  int    `json:"messages"`
}

// BuildReport gathers an incident's report from the store, with a timeline
// in buckets of width bucket.
func BuildReport(ctx context.Context, st *store.Store, id int64, bucket time.Duration) (Report, error) {
	in, err := st.Incident(ctx, id)
	if err != nil {
		return Report{}, err
	}
	msgs, err := st.IncidentMessages(ctx, id, reportMessages)
	if err != nil {
		return Report{}, err
	}
	r := Report{Incident: in, Messages: len(msgs), Timeline: timeline(msgs, bucket),
		TopTerms: topTerms(msgs), TopAuthors: topAuthors(msgs)}
	if r.Samples, err = samples(ctx, st, msgs); err != nil {
		return r, err
	}
	r.Notifications, err = st.Notifications(ctx, id, 100)
	return r, err
}

// maxFilled bounds the empty buckets a timeline shows between messages (a
// week of 5-minute buckets); longer silences are skipped.
const maxFilled = 2016

// timeline counts the messages per bucket, empty buckets included, so
// that it reads as a time axis.
func timeline(msgs []store.IncidentMessage, bucket time.Duration) []Point {
	out := []Point{}
	for _, m := range msgs {
		b := m.PostedAt.Truncate(bucket)
		if n := len(out); n > 0 && b.After(out[n-1].Time) && b.Sub(out[n-1].Time) <= maxFilled*bucket {
			for t := out[n-1].Time.Add(bucket); t.Before(b); t = t.Add(bucket) {
				out = append(out, Point{Time: t})
			}
		}
		if len(out) == 0 || !out[len(out)-1].Time.Equal(b) {
			out = append(out, Point{Time: b})
		}
		p := &out[len(out)-1]
		p.Messages++
		if m.Negative {
			p.Negative++
		}
	}
	return out
}

func topTerms(msgs []store.IncidentMessage) []TermCount {
	counts := map[string]int{}
	for _, m := range msgs {
		for _, t := range m.Terms {
			counts[t]++
		}
	}
	out := make([]TermCount, 0, len(counts))
	for t, n := range counts {
		out = append(out, TermCount{t, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Messages != out[j].Messages {
			return out[i].Messages > out[j].Messages
		}
		return out[i].Term < out[j].Term
	})
	return out[:min(len(out), reportTop)]
}

func topAuthors(msgs []store.IncidentMessage) []AuthorReach {
	by := map[string]*AuthorReach{}
	for _, m := range msgs {
		a := by[m.Author]
		if a == nil {
			a = &AuthorReach{Handle: m.Author}
			by[m.Author] = a
		}
		a.Messages++
		a.Followers = max(a.Followers, m.Followers)
	}
	out := make([]AuthorReach, 0, len(by))
	for _, a := range by {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Followers != out[j].Followers {
			return out[i].Followers > out[j].Followers
		}
		return out[i].Handle < out[j].Handle
	})
	return out[:min(len(out), reportTop)]
}

// samples are the first message and the messages of widest reach.
func samples(ctx context.Context, st *store.Store, msgs []store.IncidentMessage) ([]message.Message, error) {
	if len(msgs) == 0 {
		return []message.Message{}, nil
	}
	ids := []int64{msgs[0].MessageID}
	byReach := append([]store.IncidentMessage(nil), msgs[1:]...)
	sort.SliceStable(byReach, func(i, j int) bool { return byReach[i].Followers > byReach[j].Followers })
	for _, m := range byReach {
		if len(ids) == reportSamples {
			break
		}
		ids = append(ids, m.MessageID)
	}
	out := make([]message.Message, 0, len(ids))
	for _, id := range ids {
		m, err := st.Message(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue // a message since erased (GDPR): the rest stands
		}
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
