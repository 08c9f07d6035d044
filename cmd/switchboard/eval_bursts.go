package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/peterbourgon/ff/v3/ffcli"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/nabscore"
)

func init() {
	registerEval("bursts", func() *ffcli.Command {
		fs := flag.NewFlagSet("eval bursts", flag.ContinueOnError)
		series := fs.String("series", "", "NAB series CSV (timestamp,value = messages per bucket)")
		out := fs.String("out", "", "results CSV to write (timestamp,anomaly_score); - for stdout")
		return &ffcli.Command{
			Name:       "bursts",
			ShortUsage: "switchboard eval bursts --series FILE.csv --out RESULTS.csv",
			ShortHelp:  "stream a NAB series through the crisis detector and write its anomaly scores",
			LongHelp: `Streams a Numenta Anomaly Benchmark series (timestamp,value: messages per
bucket, in time order) through the production burst detector with its default
configuration and writes one row per input row: timestamp,anomaly_score, where
a score ≥ 0.5 is an alert. Score the results with bench/nab.`,
			FlagSet: fs,
			Exec: func(ctx context.Context, _ []string) error {
				if *series == "" || *out == "" {
					return errors.New("eval bursts: --series and --out are required")
				}
				return evalBursts(ctx, *series, *out)
			},
		}
	})
}

// evalBursts scores every row of a series file into a results file.
func evalBursts(ctx context.Context, seriesPath, outPath string) error {
	in, err := os.Open(seriesPath)
	if err != nil {
		return fmt.Errorf("eval bursts: %w", err)
	}
	defer in.Close()
	w, closeOut, err := createOut(outPath)
	if err != nil {
		return err
	}
	n, err := scoreSeries(ctx, in, w)
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("eval bursts: %s: %w", seriesPath, err)
	}
	fmt.Fprintf(os.Stderr, "eval bursts: %d rows of %s scored into %s\n", n, seriesPath, outPath)
	return nil
}

// createOut opens the results file (or stdout for "-").
func createOut(path string) (io.Writer, func() error, error) {
	if path == "-" {
		return os.Stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("eval bursts: %w", err)
	}
	return f, f.Close, nil
}

// scoreSeries streams the rows of r (a CSV with a header holding timestamp
// and value columns) through one detector series and writes
// timestamp,anomaly_score rows to w, echoing each timestamp as written. It
// returns the number of rows.
func scoreSeries(ctx context.Context, r io.Reader, w io.Writer) (int, error) {
	s, err := crisis.NewSeries(crisis.DefaultConfig())
	if err != nil {
		return 0, err
	}
	cr := csv.NewReader(bufio.NewReader(r))
	col, err := header(cr)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "timestamp,anomaly_score")
	n := 0
	for ; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return n, bw.Flush()
		}
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			return n, err
		}
		score, err := scoreRow(s, rec[col[0]], rec[col[1]])
		if err != nil {
			return n, fmt.Errorf("row %d: %w", n+2, err)
		}
		fmt.Fprintf(bw, "%s,%s\n", rec[col[0]], strconv.FormatFloat(score, 'f', 6, 64))
	}
}

// header reads the header and returns the positions of timestamp and value.
func header(cr *csv.Reader) ([2]int, error) {
	head, err := cr.Read()
	if err != nil {
		return [2]int{}, fmt.Errorf("header: %w", err)
	}
	col := [2]int{-1, -1}
	for i, h := range head {
		switch h {
		case "timestamp":
			col[0] = i
		case "value":
			col[1] = i
		}
	}
	if col[0] < 0 || col[1] < 0 {
		return col, fmt.Errorf("header %q: want timestamp and value columns", head)
	}
	return col, nil
}

// scoreRow feeds one row to the series and returns its anomaly score.
func scoreRow(s *crisis.Series, stamp, value string) (float64, error) {
	t, err := nabscore.ParseTime(stamp)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseFloat(value, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("value %q is not a count", value)
	}
	return s.Add(t, v).Score, nil
}
