package nabscore

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
)

// timeLayouts are the timestamp forms found in NAB files.
var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	time.RFC3339Nano,
}

// ParseTime parses a NAB timestamp such as "2015-02-26 21:42:53" or
// "2015-03-03 04:37:53.000000".
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("nabscore: cannot parse timestamp %q", s)
}

// readCSV reads a CSV file with a header and returns the named columns of
// every row.
func readCSV(path string, cols ...string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("nabscore: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("nabscore: %s: header: %w", path, err)
	}
	idx, err := columns(head, cols)
	if err != nil {
		return nil, fmt.Errorf("nabscore: %s: %w", path, err)
	}
	var out [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("nabscore: %s: %w", path, err)
		}
		row := make([]string, len(idx))
		for j, c := range idx {
			row[j] = rec[c]
		}
		out = append(out, row)
	}
}

// columns finds the position of each wanted column in a header.
func columns(head, want []string) ([]int, error) {
	idx := make([]int, len(want))
	for j, w := range want {
		idx[j] = -1
		for c, h := range head {
			if strings.TrimSpace(h) == w {
				idx[j] = c
			}
		}
		if idx[j] < 0 {
			return nil, fmt.Errorf("no %q column", w)
		}
	}
	return idx, nil
}

// ReadTimestamps returns the timestamp column of a series or results file.
func ReadTimestamps(path string) ([]time.Time, error) {
	rows, err := readCSV(path, "timestamp")
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, len(rows))
	for i, r := range rows {
		if out[i], err = ParseTime(r[0]); err != nil {
			return nil, fmt.Errorf("%s row %d: %w", path, i+2, err)
		}
	}
	return out, nil
}

// ReadScores returns the timestamps and anomaly scores of a results file
// (columns timestamp, anomaly_score; empty or "nan" reads as NaN).
func ReadScores(path string) ([]time.Time, []float64, error) {
	rows, err := readCSV(path, "timestamp", "anomaly_score")
	if err != nil {
		return nil, nil, err
	}
	ts := make([]time.Time, len(rows))
	sc := make([]float64, len(rows))
	for i, r := range rows {
		if ts[i], err = ParseTime(r[0]); err != nil {
			return nil, nil, fmt.Errorf("%s row %d: %w", path, i+2, err)
		}
		if sc[i], err = parseScore(r[1]); err != nil {
			return nil, nil, fmt.Errorf("nabscore: %s row %d: %w", path, i+2, err)
		}
	}
	return ts, sc, nil
}

func parseScore(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "nan") {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// ReadWindows reads a NAB label file: {"file.csv": [[start, end], ...]}.
func ReadWindows(path string) (map[string][]Window, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("nabscore: %w", err)
	}
	var raw map[string][][2]string
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("nabscore: %s: %w", path, err)
	}
	out := make(map[string][]Window, len(raw))
	for name, ws := range raw {
		for _, w := range ws {
			s, err1 := ParseTime(w[0])
			e, err2 := ParseTime(w[1])
			if err := errors.Join(err1, err2); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", path, name, err)
			}
			out[name] = append(out[name], Window{s, e})
		}
	}
	return out, nil
}
