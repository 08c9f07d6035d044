package route

import (
	"testing"
	"time"
)

func paris(t *testing.T, s string) time.Time {
	t.Helper()
	loc, _ := time.LoadLocation("Europe/Paris")
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestClockAdd(t *testing.T) {
	office, err := NewClock(BusinessHours{Timezone: "Europe/Paris", Days: []string{"mon", "tue", "wed", "thu", "fri"}, Start: "09:00", End: "18:00"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		start string
		d     time.Duration
		want  string
	}{
		{"2026-11-23 10:00", time.Hour, "2026-11-23 11:00"},        // Monday, inside hours
		{"2026-11-23 07:00", time.Hour, "2026-11-23 10:00"},        // before opening
		{"2026-11-27 17:30", time.Hour, "2026-11-30 09:30"},        // Friday evening → Monday
		{"2026-11-28 12:00", 30 * time.Minute, "2026-11-30 09:30"}, // Saturday
		{"2026-11-23 19:00", 24 * time.Hour, "2026-11-26 15:00"},   // 24 working hours = 2 days 6 h
		{"2026-03-27 17:00", 2 * time.Hour, "2026-03-30 10:00"},    // across the spring DST change
		{"2026-11-23 18:00", 0, "2026-11-24 09:00"},                // closing time: due when it reopens
		{"2026-11-23 09:00", 9 * time.Hour, "2026-11-23 18:00"},    // exactly one day
		{"2026-11-23 09:00", 9*time.Hour + time.Minute, "2026-11-24 09:01"},
	}
	for _, c := range cases {
		got := office.Add(paris(t, c.start), c.d)
		if want := paris(t, c.want); !got.Equal(want) {
			t.Errorf("Add(%s, %v) = %s, want %s", c.start, c.d, got.In(want.Location()), want)
		}
	}
}

func TestClockAlwaysOpen(t *testing.T) {
	always, err := NewClock(BusinessHours{Timezone: "Europe/Paris", Days: []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, Start: "00:00", End: "23:59"})
	if err != nil {
		t.Fatal(err)
	}
	start := paris(t, "2026-11-28 23:50")
	if got := always.Add(start, 30*time.Minute); !got.Equal(start.Add(30 * time.Minute)) {
		t.Fatalf("24/7 clock: got %s", got)
	}
	zero, _ := NewClock(BusinessHours{})
	if got := zero.Add(start, 5*time.Hour); !got.Equal(start.Add(5 * time.Hour)) {
		t.Fatalf("empty hours: got %s", got)
	}
}

func TestClockWorking(t *testing.T) {
	office, _ := NewClock(BusinessHours{Timezone: "Europe/Paris", Days: []string{"mon", "tue", "wed", "thu", "fri"}, Start: "09:00", End: "18:00"})
	cases := []struct {
		a, b string
		want time.Duration
	}{
		{"2026-11-23 10:00", "2026-11-23 11:30", 90 * time.Minute},
		{"2026-11-27 17:00", "2026-11-30 10:00", 2 * time.Hour},
		{"2026-11-28 10:00", "2026-11-29 10:00", 0},
		{"2026-11-23 12:00", "2026-11-23 11:00", 0},
	}
	for _, c := range cases {
		if got := office.Working(paris(t, c.a), paris(t, c.b)); got != c.want {
			t.Errorf("Working(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	// Add and Working agree.
	start := paris(t, "2026-11-26 16:10")
	if got := office.Working(start, office.Add(start, 7*time.Hour)); got != 7*time.Hour {
		t.Fatalf("Working(Add(7h)) = %v", got)
	}
}

func TestNewClockRefusesBadHours(t *testing.T) {
	bad := []BusinessHours{
		{Timezone: "Mars/Olympus"},
		{Days: []string{"funday"}},
		{Start: "18:00", End: "09:00"},
		{Start: "9h"},
	}
	for _, b := range bad {
		if _, err := NewClock(b); err == nil {
			t.Errorf("NewClock(%+v) accepted", b)
		}
	}
}
