package crisis

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"
)

func mustDetector(t testing.TB, c Config) *Detector {
	t.Helper()
	d, err := NewDetector(c)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// feed sends a seasonal stream of events (counts from synth) to the
// detector, spreading each bucket's messages over the bucket, and calls
// Tick every bucket. mk builds the event of message j of bucket i.
func feed(d *Detector, ts []time.Time, vs []float64, mk func(i, j int, at time.Time) Event) []Alert {
	var out []Alert
	for i, t0 := range ts {
		n := int(vs[i])
		for j := range n {
			at := t0.Add(time.Duration(j) * 5 * time.Minute / time.Duration(n))
			out = append(out, d.Observe(mk(i, j, at))...)
		}
		out = append(out, d.Tick(t0.Add(5*time.Minute))...)
	}
	return out
}

func byKind(as []Alert, k Kind, series string) []Alert {
	var out []Alert
	for _, a := range as {
		if a.Kind == k && (series == "" || a.Series == series) {
			out = append(out, a)
		}
	}
	return out
}

func TestDetectorNegativeBurstNamesItsTerms(t *testing.T) {
	at := start.Add(10*24*time.Hour + 15*time.Hour)
	ts, vs := synth(11, 14, 30, spike{at, 3, 1, 120})
	d := mustDetector(t, DefaultConfig())
	words := []string{"price", "order", "delivery", "app", "store", "help"}
	got := feed(d, ts, vs, func(i, j int, when time.Time) Event {
		ev := Event{Community: "fr", Time: when, Class: "support", Terms: []string{words[(i+j)%len(words)]}}
		ev.Negative = j%5 == 0
		if ts[i].Sub(at) >= 0 && ts[i].Sub(at) < 15*time.Minute && j%2 == 0 {
			ev.Negative, ev.Terms = true, []string{"outage", "#down", words[j%len(words)]}
		}
		return ev
	})
	neg := byKind(got, KindBurst, SeriesNegative)
	if len(neg) != 1 {
		t.Fatalf("%d negative burst alerts, want 1: %+v", len(neg), got)
	}
	a := neg[0]
	if a.Time.Before(at) || a.Time.Sub(at) > 5*time.Minute || a.Community != "fr" || a.Score < 0.5 || a.Observed <= a.Expected {
		t.Errorf("negative burst alert %+v, spike at %s", a, at)
	}
	if !slices.Contains(a.Terms, "outage") || !slices.Contains(a.Terms, "#down") {
		t.Errorf("alert terms %v lack the rising terms", a.Terms)
	}
	if len(byKind(got, KindBurst, "term:outage")) == 0 {
		t.Errorf("a term never seen before rose to 60 messages a bucket without an alert")
	}
	for _, a := range got {
		if a.Time.Before(at) || a.Time.After(at.Add(time.Hour)) {
			t.Errorf("alert outside the spike: %+v", a)
		}
	}
}

func TestDetectorAlertsBeforeTheBucketCloses(t *testing.T) {
	at := start.Add(9*24*time.Hour + 11*time.Hour)
	ts, vs := synth(12, 10, 20, spike{at, 1, 1, 200})
	d := mustDetector(t, DefaultConfig())
	var first time.Time
	for i, t0 := range ts {
		n := int(vs[i])
		for j := range n {
			when := t0.Add(time.Duration(j) * 5 * time.Minute / time.Duration(n))
			if as := d.Observe(Event{Community: "c", Time: when}); len(as) > 0 && first.IsZero() {
				first = when
			}
		}
		d.Tick(t0.Add(5 * time.Minute))
	}
	if first.Before(at) || !first.Before(at.Add(5*time.Minute)) {
		t.Errorf("spike at %s alerted at %v, want before its bucket closes", at, first)
	}
}

func TestDetectorViralPost(t *testing.T) {
	d := mustDetector(t, DefaultConfig())
	t0 := start
	var got []Alert
	// a trickle of replies, then an acceleration
	for i := range 5 {
		got = append(got, d.Observe(Event{Community: "c", Time: t0.Add(time.Duration(i) * time.Minute), ParentID: "p1"})...)
	}
	for i := range 30 {
		got = append(got, d.Observe(Event{Community: "c", Time: t0.Add(10*time.Minute + time.Duration(i)*10*time.Second), ParentID: "p1"})...)
	}
	v := byKind(got, KindViral, "")
	if len(v) != 1 || v[0].PostID != "p1" || v[0].Score < 0.5 || v[0].Observed != 20 {
		t.Fatalf("viral alerts %+v, want one for p1 at its 20th reply of the window", v)
	}
	// it alerts again in a later window that doubles the one before
	for i := range 70 {
		got = append(got, d.Observe(Event{Community: "c", Time: t0.Add(20*time.Minute + time.Duration(i)*5*time.Second), ParentID: "p1"})...)
	}
	if v := byKind(got, KindViral, ""); len(v) != 2 || v[1].Observed != 60 {
		t.Errorf("viral alerts %+v, want a second one at 60 (twice the 30 of the window before)", v)
	}
	// a steady stream of replies, however many, is not acceleration
	d = mustDetector(t, DefaultConfig())
	got = nil
	for i := range 600 {
		got = append(got, d.Observe(Event{Community: "c", Time: t0.Add(time.Duration(i) * 2 * time.Second), ParentID: "p2"})...)
	}
	for i := range 600 {
		got = append(got, d.Observe(Event{Community: "c", Time: t0.Add(20*time.Minute + time.Duration(i)*2*time.Second), ParentID: "p2"})...)
	}
	if v := byKind(got, KindViral, ""); len(v) != 1 {
		t.Errorf("steady replies raised %d viral alerts, want only the first window's: %+v", len(v), v)
	}
}

func TestDetectorOpinionLeader(t *testing.T) {
	d := mustDetector(t, DefaultConfig())
	ev := Event{Community: "c", Time: start, Author: "@big", Followers: 200_000, Negative: true, PostID: "m1"}
	got := byKind(d.Observe(ev), KindLeader, "")
	if len(got) != 1 || got[0].Author != "@big" || got[0].PostID != "m1" || got[0].Score < 0.5 {
		t.Fatalf("leader alerts %+v", got)
	}
	ev.Time, ev.PostID = start.Add(time.Hour), "m2"
	if got := byKind(d.Observe(ev), KindLeader, ""); len(got) != 0 {
		t.Errorf("same leader alerted again within the quiet period: %+v", got)
	}
	for _, e := range []Event{
		{Community: "c", Time: start, Author: "@small", Followers: 300, Negative: true},
		{Community: "c", Time: start, Author: "@happy", Followers: 900_000},
	} {
		if got := byKind(d.Observe(e), KindLeader, ""); len(got) != 0 {
			t.Errorf("%s raised a leader alert: %+v", e.Author, got)
		}
	}
}

// TestDetectorOpinionLeaderByInfluence: an author below the followers
// threshold but central in the community (influence score) is a leader; the
// top of a community with few followers, or a middling score, is not.
func TestDetectorOpinionLeaderByInfluence(t *testing.T) {
	d := mustDetector(t, DefaultConfig())
	ev := Event{Community: "c", Time: start, Author: "@hub", Followers: 20_000, Influence: 96, Negative: true, PostID: "m1"}
	got := byKind(d.Observe(ev), KindLeader, "")
	if len(got) != 1 || got[0].Author != "@hub" || got[0].Score < 0.9 {
		t.Fatalf("leader alerts %+v, want one for the central author", got)
	}
	for _, e := range []Event{
		{Community: "c", Time: start, Author: "@tiny", Followers: 40, Influence: 100, Negative: true},
		{Community: "c", Time: start, Author: "@mid", Followers: 20_000, Influence: 60, Negative: true},
		{Community: "c", Time: start, Author: "@fan", Followers: 20_000, Influence: 99},
	} {
		if got := byKind(d.Observe(e), KindLeader, ""); len(got) != 0 {
			t.Errorf("%s raised a leader alert: %+v", e.Author, got)
		}
	}
	c := DefaultConfig()
	c.Leader.MinInfluence = 0 // off: followers alone decide
	if got := byKind(mustDetector(t, c).Observe(ev), KindLeader, ""); len(got) != 0 {
		t.Errorf("influence off, still a leader alert: %+v", got)
	}
	c.Leader.MinInfluence = 101
	if err := c.Validate(); err == nil {
		t.Error("an influence threshold above 100 was accepted")
	}
}

func TestDetectorBoundsAndEvicts(t *testing.T) {
	c := DefaultConfig()
	c.MaxSeries, c.MaxTerms = 300, 50
	d := mustDetector(t, c)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20_000 {
		d.Observe(Event{
			Community: fmt.Sprintf("c%d", r.IntN(20)),
			Time:      start.Add(time.Duration(i) * time.Second),
			Terms:     []string{fmt.Sprintf("w%d", r.IntN(5000))},
		})
	}
	st := d.Stats()
	if st.Series > c.MaxSeries || st.Evicted == 0 {
		t.Errorf("stats %+v with MaxSeries %d", st, c.MaxSeries)
	}
	for comm, ts := range d.terms {
		if len(ts.m) > c.MaxTerms {
			t.Errorf("community %s holds %d term series, max %d", comm, len(ts.m), c.MaxTerms)
		}
	}
	d.Tick(start.Add(30 * 24 * time.Hour))
	if st := d.Stats(); st.Series != 0 {
		t.Errorf("%d series left after a month of silence", st.Series)
	}
}

func TestDetectorConcurrentUse(t *testing.T) {
	d := mustDetector(t, DefaultConfig())
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				d.Observe(Event{Community: fmt.Sprint(g), Time: start.Add(time.Duration(i) * time.Second), Negative: i%3 == 0, Terms: []string{"a", "b"}})
				if i%500 == 0 {
					d.Tick(start.Add(time.Duration(i) * time.Second))
				}
			}
		}()
	}
	wg.Wait()
	if st := d.Stats(); st.Events != 8000 {
		t.Errorf("events %d, want 8000", st.Events)
	}
}
