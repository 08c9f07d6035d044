package analytics

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// Table is a figure's numbers as rows of text under a header, for CSV.
type Table struct {
	Header []string
	Rows   [][]string
}

// WriteCSV writes t as CSV. A cell that a spreadsheet would read as a formula
// (starting with =, +, -, @, a tab or a carriage return) gets a leading quote:
// terms come from untrusted social text.
func (t Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	for _, r := range t.Rows {
		safe := make([]string, len(r))
		for i, c := range r {
			safe[i] = cellSafe(c)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func cellSafe(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		if _, err := strconv.ParseFloat(c, 64); err != nil { // a negative number stays a number
			return "'" + c
		}
	}
	return c
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func num(v int64) string { return strconv.FormatInt(v, 10) }

func dec(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// PointsTable is the table of a volume or backlog figure.
func PointsTable(pts []Point) Table {
	t := Table{Header: []string{"time", "key", "count"}}
	for _, p := range pts {
		t.Rows = append(t.Rows, []string{stamp(p.Time), p.Key, num(p.Count)})
	}
	return t
}

// SentimentTable is the table of the sentiment figure.
func SentimentTable(pts []SentimentPoint) Table {
	t := Table{Header: []string{"time", "messages", "negative", "neutral", "positive", "mean"}}
	for _, p := range pts {
		t.Rows = append(t.Rows, []string{stamp(p.Time), num(p.Messages), num(p.Negative), num(p.Neutral), num(p.Positive),
			strconv.FormatFloat(p.Mean, 'f', 4, 64)})
	}
	return t
}

// SLATable is the table of the SLA figure.
func SLATable(figs []SLAFigure) Table {
	t := Table{Header: []string{"kind", "department", "agent_id", "agent", "count", "with_target", "on_time",
		"on_time_percent", "mean_seconds", "target_seconds"}}
	for _, f := range figs {
		t.Rows = append(t.Rows, []string{f.Kind, f.Department, num(f.AgentID), f.Agent, num(f.Count), num(f.WithTarget),
			num(f.OnTime), strconv.FormatFloat(f.OnTimePercent, 'f', 1, 64), strconv.FormatFloat(f.MeanSeconds, 'f', 0, 64),
			dec(f.TargetSeconds)})
	}
	return t
}

// TermsTable is the table of the rising terms figure.
func TermsTable(terms []TermTrend) Table {
	t := Table{Header: []string{"term", "count", "baseline", "ratio"}}
	for _, r := range terms {
		t.Rows = append(t.Rows, []string{r.Term, num(r.Count), dec(r.Baseline), dec(r.Ratio)})
	}
	return t
}

// ShareTable is the table of the share of voice figure.
func ShareTable(shares []Share) Table {
	t := Table{Header: []string{"community", "count", "percent"}}
	for _, s := range shares {
		t.Rows = append(t.Rows, []string{s.Community, num(s.Count), strconv.FormatFloat(s.Percent, 'f', 2, 64)})
	}
	return t
}
