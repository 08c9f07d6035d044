package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/nabscore"
)

// scoreFile streams one series through a fresh detector and scores the
// alerts at the fixed threshold.
func scoreFile(c *nabscore.Corpus, f *nabscore.File, cfg crisis.Config, dump string) (nabscore.Result, error) {
	rows, err := readValues(c.SeriesPath(f.Name))
	if err != nil {
		return nabscore.Result{}, err
	}
	s, err := crisis.NewSeries(cfg)
	if err != nil {
		return nabscore.Result{}, fmt.Errorf("%s: %w", f.Name, err)
	}
	scores := make([]float64, len(rows))
	for i, r := range rows {
		scores[i] = s.Add(r.t, r.v).Score
	}
	if dump != "" {
		if err := write(filepath.Join(dump, f.Name), rows, scores); err != nil {
			return nabscore.Result{}, err
		}
	}
	return f.Score(nabscore.Flags(scores, crisis.AlertThreshold))
}

// write saves scores as a NAB results file.
func write(path string, rows []row, scores []float64) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, "timestamp,anomaly_score")
	for i, r := range rows {
		fmt.Fprintf(w, "%s,%g\n", r.t.Format("2006-01-02 15:04:05"), scores[i])
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
