package nabscore

import (
	"math"
	"testing"
	"time"
)

// rows returns n timestamps five minutes apart.
func rows(n int) []time.Time {
	t0 := time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC)
	out := make([]time.Time, n)
	for i := range out {
		out[i] = t0.Add(time.Duration(i) * 5 * time.Minute)
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// flagsAt returns n flags, set at the given rows.
func flagsAt(n int, at ...int) []bool {
	f := make([]bool, n)
	for _, i := range at {
		f[i] = true
	}
	return f
}

func TestScoreByHand(t *testing.T) {
	// 100 rows: probation is the first 15; one window over rows 40..49
	ts := rows(100)
	f, err := NewFile("x.csv", ts, []Window{{ts[40], ts[49]}}, Profiles["standard"])
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		at   []int
		want float64
	}{
		{"no detection", nil, -1},
		{"first row of the window", []int{40}, 1},
		{"only the best detection counts", []int{45, 40, 49}, 1},
		{"last row of the window", []int{49}, sigmoid(-0.1) / sigmoid(-1)},
		{"false positive before any window", []int{20}, -1 - 0.11},
		{"probation is not scored", []int{3}, -1},
		{"right after the window", []int{40, 50}, 1 + 0.11*sigmoid(1.0/9)},
		{"far after the window", []int{40, 99}, 1 - 0.11},
	}
	for _, c := range cases {
		r, err := f.Score(flagsAt(100, c.at...))
		if err != nil {
			t.Fatal(err)
		}
		if !near(r.Raw, c.want) {
			t.Errorf("%s: raw %v, want %v", c.name, r.Raw, c.want)
		}
	}
}

func TestNormalized(t *testing.T) {
	if got := Normalized(-3, -3, 3); got != 0 {
		t.Errorf("null scores %v", got)
	}
	if got := Normalized(3, -3, 3); got != 100 {
		t.Errorf("perfect scores %v", got)
	}
}

func TestScoreRejectsWrongLength(t *testing.T) {
	ts := rows(50)
	f, err := NewFile("x.csv", ts, []Window{{ts[20], ts[25]}}, Profiles["standard"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Score(make([]bool, 49)); err == nil {
		t.Error("49 flags for 50 rows accepted")
	}
}

func TestProbation(t *testing.T) {
	for n, want := range map[int]int{100: 15, 15903: 750, 5000: 750, 4999: 749} {
		if got := Probation(n); got != want {
			t.Errorf("Probation(%d) = %d, want %d", n, got, want)
		}
	}
}
