package crisis

import (
	"testing"
	"time"
)

func mustSeries(t testing.TB) *Series {
	t.Helper()
	s, err := NewSeries(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// alerts runs a stream through a fresh series and returns the alerted
// bucket times.
func alerts(t testing.TB, ts []time.Time, vs []float64) []time.Time {
	s := mustSeries(t)
	var out []time.Time
	for i := range ts {
		p := s.Add(ts[i], vs[i])
		if p.Score < 0 || p.Score > 1 {
			t.Fatalf("score %g out of [0,1] at %s", p.Score, ts[i])
		}
		if p.Alert() {
			out = append(out, p.Time)
		}
	}
	return out
}

func TestSeasonalStreamWithoutSpikeDoesNotAlert(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		ts, vs := synth(seed, 28, 40)
		if got := alerts(t, ts, vs); len(got) != 0 {
			t.Errorf("seed %d: %d alerts on a spike-free seasonal stream, first at %s", seed, len(got), got[0])
		}
	}
}

func TestSpikesAlertAtTheirStart(t *testing.T) {
	spikes := []spike{
		{start.Add(9*24*time.Hour + 14*time.Hour), 6, 4, 0},                   // weekday afternoon
		{start.Add(13*24*time.Hour + 3*time.Hour), 3, 8, 0},                   // Sunday night
		{start.Add(20*24*time.Hour + 10*time.Hour + 5*time.Minute), 12, 3, 0}, // a longer, milder one
	}
	ts, vs := synth(7, 28, 40, spikes...)
	got := alerts(t, ts, vs)
	for _, sp := range spikes {
		if !alertedWithin(got, sp.at, 2*5*time.Minute) {
			t.Errorf("spike at %s (x%g for %d buckets) not alerted within two buckets; alerts: %v", sp.at, sp.factor, sp.n, got)
		}
	}
	if len(got) != len(spikes) {
		t.Errorf("%d alerts for %d spikes: %v", len(got), len(spikes), got)
	}
}

func alertedWithin(alerts []time.Time, at time.Time, d time.Duration) bool {
	for _, a := range alerts {
		if !a.Before(at) && a.Sub(at) <= d {
			return true
		}
	}
	return false
}

func TestQuietStreamDoesNotPage(t *testing.T) {
	// about one message per five buckets; four extra messages in a bucket
	// are improbable but below MinExcess, twenty are not
	at := start.Add(10*24*time.Hour + 15*time.Hour)
	ts, vs := synth(3, 21, 0.2, spike{at, 1, 1, 4})
	if got := alerts(t, ts, vs); len(got) != 0 {
		t.Errorf("quiet stream paged for 4 extra messages: %v", got)
	}
	ts, vs = synth(3, 21, 0.2, spike{at, 1, 1, 20})
	if got := alerts(t, ts, vs); !alertedWithin(got, at, 0) {
		t.Errorf("quiet stream did not page for 20 extra messages: %v", got)
	}
}

// TestQuietStreamSlowBuildAlertsEarly is the shape of the French outage
// replay: on a stream of about one message per five buckets, a burst that
// builds at 3, 2, then 6 messages a bucket — never MinExcess in one bucket —
// alerts by its third bucket, because the volume floor counts the messages
// above expected over the last hour.
func TestQuietStreamSlowBuildAlertsEarly(t *testing.T) {
	at := start.Add(10*24*time.Hour + 17*time.Hour)
	build := []spike{{at, 1, 1, 3}, {at.Add(5 * time.Minute), 1, 1, 2}, {at.Add(10 * time.Minute), 1, 1, 6}}
	ts, vs := synth(3, 21, 0.2, build...)
	got := alerts(t, ts, vs)
	if !alertedWithin(got, at, 2*5*time.Minute) {
		t.Errorf("a burst of 3, 2, 6 extra messages on a quiet stream not alerted within two buckets: %v", got)
	}
	if len(got) != 1 {
		t.Errorf("%d alerts, want 1: %v", len(got), got)
	}
}

func TestExcessRingSumsTheLastBuckets(t *testing.T) {
	var r excessRing
	for i := range excessBuckets + 3 {
		r.push(float32(i))
	}
	// the last four pushed: 26, 25, 24, 23
	if got := r.sum(4); got != 98 {
		t.Errorf("sum of the last 4 = %g, want 98", got)
	}
	if got, want := r.sum(excessBuckets), float32((3+26)*excessBuckets/2); got != want {
		t.Errorf("sum of all = %g, want %g", got, want)
	}
}

func TestLongBurstAlertsOnceThenOnGrowth(t *testing.T) {
	at := start.Add(10*24*time.Hour + 12*time.Hour)
	ts, vs := synth(5, 14, 40, spike{at, 36, 5, 0})
	got := alerts(t, ts, vs)
	if len(got) != 1 {
		t.Fatalf("a 3-hour burst raised %d alerts, want 1: %v", len(got), got)
	}
	// the same burst, but ten times bigger after an hour: alert again
	ts, vs = synth(5, 14, 40, spike{at, 36, 5, 0}, spike{at.Add(time.Hour), 6, 10, 0})
	if got := alerts(t, ts, vs); len(got) != 2 {
		t.Errorf("a burst that grows tenfold raised %d alerts, want 2: %v", len(got), got)
	}
}

func TestWarmUpNeverAlerts(t *testing.T) {
	ts, vs := synth(2, 2, 40, spike{start.Add(3 * time.Hour), 3, 20, 0})
	for _, a := range alerts(t, ts, vs) {
		if a.Sub(start) < DefaultConfig().WarmUp {
			t.Errorf("alert at %s during warm-up", a)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	c := DefaultConfig()
	c.AlertTail = 0.7
	if _, err := NewSeries(c); err == nil {
		t.Error("alert tail 0.7 accepted")
	}
	c = DefaultConfig()
	c.Horizons = nil
	if _, err := NewSeries(c); err == nil {
		t.Error("no horizons accepted")
	}
}

// TestFalseAlarmRateOnSeasonalNoise measures alerts on spike-free seasonal
// Poisson streams of several volumes (20 streams of 28 days each): the
// rate must stay below one alert per 60 series-days.
func TestFalseAlarmRateOnSeasonalNoise(t *testing.T) {
	days, total := 0, 0
	for _, base := range []float64{5, 40, 200, 1000} {
		n := 0
		for seed := uint64(1); seed <= 20; seed++ {
			ts, vs := synth(seed, 28, base)
			n += len(alerts(t, ts, vs))
			days += 28
		}
		t.Logf("base %g messages/bucket: %d alerts in 20 streams × 28 days", base, n)
		total += n
	}
	if float64(total)/float64(days) > 1.0/60 {
		t.Errorf("%d alerts in %d series-days of noise", total, days)
	}
}
