package incident

import (
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/store"
)

func TestAlertsJoinByCommunityAndTerms(t *testing.T) {
	t0 := time.Date(2015, 2, 22, 12, 0, 0, 0, time.UTC)
	o := &open{community: "american", authors: map[string]bool{}}
	o.add(crisis.Alert{Kind: crisis.KindBurst, Community: "american", Series: "term:cancelled", Time: t0}, []string{"cancelled", "flight"})
	cases := []struct {
		name  string
		a     crisis.Alert
		terms []string
		want  bool
	}{
		{"shared term", crisis.Alert{Kind: crisis.KindBurst, Community: "american", Series: "term:flight", Time: t0.Add(time.Hour)}, []string{"flight"}, true},
		{"other community", crisis.Alert{Kind: crisis.KindBurst, Community: "united", Series: "term:flight", Time: t0}, []string{"flight"}, false},
		{"other terms", crisis.Alert{Kind: crisis.KindBurst, Community: "american", Series: "term:fleek", Time: t0}, []string{"fleek"}, false},
		{"volume soon after", crisis.Alert{Kind: crisis.KindBurst, Community: "american", Series: "negative", Time: t0.Add(2 * time.Hour)}, []string{"hold"}, true},
		{"volume long after", crisis.Alert{Kind: crisis.KindBurst, Community: "american", Series: "class:complaint", Time: t0.Add(7 * time.Hour)}, []string{"hold"}, false},
		{"no terms", crisis.Alert{Kind: crisis.KindLeader, Community: "american", Time: t0.Add(48 * time.Hour)}, nil, true},
	}
	for _, c := range cases {
		if got := o.joins(c.a, c.terms); got != c.want {
			t.Errorf("%s: joins = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestSeverityRises(t *testing.T) {
	o := &open{authors: map[string]bool{}}
	o.add(crisis.Alert{Kind: crisis.KindLeader}, nil)
	if o.severity != Low {
		t.Fatalf("leader alone: %s", o.severity)
	}
	o.add(crisis.Alert{Kind: crisis.KindBurst, Series: "all", Observed: 8, Expected: 2}, nil)
	if o.severity != Medium {
		t.Fatalf("a burst: %s", o.severity)
	}
	o.add(crisis.Alert{Kind: crisis.KindBurst, Series: "negative", Observed: 20, Expected: 2}, nil)
	if o.severity != High {
		t.Fatalf("a strong negative burst: %s", o.severity)
	}
	o.messages = 300
	o.add(crisis.Alert{Kind: crisis.KindViral}, nil)
	if o.severity != Critical {
		t.Fatalf("300 messages: %s", o.severity)
	}
}

func TestTimelineFillsEmptyBuckets(t *testing.T) {
	t0 := time.Date(2024, 7, 19, 18, 0, 0, 0, time.UTC)
	msgs := []store.IncidentMessage{{PostedAt: t0.Add(time.Minute), Negative: true}, {PostedAt: t0.Add(2 * time.Minute)}, {PostedAt: t0.Add(16 * time.Minute), Negative: true}}
	got := timeline(msgs, 5*time.Minute)
	want := []Point{{t0, 2, 1}, {t0.Add(5 * time.Minute), 0, 0}, {t0.Add(10 * time.Minute), 0, 0}, {t0.Add(15 * time.Minute), 1, 1}}
	if len(got) != len(want) {
		t.Fatalf("timeline %+v, want %+v", got, want)
	}
	for i := range want {
		if !got[i].Time.Equal(want[i].Time) || got[i].Messages != want[i].Messages || got[i].Negative != want[i].Negative {
			t.Fatalf("timeline %+v, want %+v", got, want)
		}
	}
}
