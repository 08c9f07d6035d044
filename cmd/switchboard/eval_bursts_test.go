package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// nabSeries writes a NAB-style series: three days of a steady 50 messages
// per 5 minutes with a daily swing, and a spike of 800 on the third day.
func nabSeries(t *testing.T) (string, int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("timestamp,value\n")
	t0 := time.Date(2015, 2, 26, 21, 42, 53, 0, time.UTC)
	n := 3 * 288
	for i := range n {
		ts := t0.Add(time.Duration(i) * 5 * time.Minute)
		v := 50 + 20*((i/12)%2) + i%3
		if i == 2*288+100 {
			v = 800
		}
		fmt.Fprintf(&b, "%s,%d\n", ts.Format("2006-01-02 15:04:05"), v)
	}
	path := filepath.Join(t.TempDir(), "Twitter_volume_X.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, n
}

func TestEvalBurstsOutputFormat(t *testing.T) {
	in, n := nabSeries(t)
	out := filepath.Join(t.TempDir(), "results.csv")
	root := rootCmd()
	if err := root.ParseAndRun(context.Background(), []string{"eval", "bursts", "--series", in, "--out", out}); err != nil {
		t.Fatal(err)
	}
	got := readCSV(t, out)
	want := readCSV(t, in)
	if strings.Join(got[0], ",") != "timestamp,anomaly_score" {
		t.Fatalf("header %q", got[0])
	}
	if len(got) != n+1 {
		t.Fatalf("%d rows for %d series rows", len(got)-1, n)
	}
	alerts := 0
	for i := 1; i < len(got); i++ {
		if got[i][0] != want[i][0] {
			t.Fatalf("row %d: timestamp %q, series has %q", i, got[i][0], want[i][0])
		}
		s, err := strconv.ParseFloat(got[i][1], 64)
		if err != nil || s < 0 || s > 1 {
			t.Fatalf("row %d: score %q", i, got[i][1])
		}
		if s >= 0.5 {
			alerts++
			if i-1 != 2*288+100 {
				t.Errorf("alert at row %d (%s), spike is at row %d", i-1, got[i][0], 2*288+100)
			}
		}
	}
	if alerts != 1 {
		t.Errorf("%d alerts, want 1 (the spike)", alerts)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestEvalBurstsRejectsBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"no value column": "timestamp,count\n2015-02-26 21:42:53,3\n",
		"negative count":  "timestamp,value\n2015-02-26 21:42:53,-3\n",
		"bad timestamp":   "timestamp,value\nyesterday,3\n",
		"not a number":    "timestamp,value\n2015-02-26 21:42:53,many\n",
	} {
		var out bytes.Buffer
		if _, err := scoreSeries(context.Background(), strings.NewReader(in), &out); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if err := rootCmd().ParseAndRun(context.Background(), []string{"eval", "bursts", "--out", "x.csv"}); err == nil {
		t.Error("missing --series accepted")
	}
}
