// Command nabscore scores anomaly detection results with the NAB rules
// (Switchboard's own scorer, internal/crisis/nabscore) and prints the
// published detectors' scores restricted to the same series.
//
//	go run ./bench/nab/nabscore --data DIR [--results DIR] [--published DIR]
//
// Output is JSON lines: one per published detector, one per results file,
// then {"summary": …} and {"normalized": X} last, like nab_score.py.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/switchboard-crm/switchboard/internal/crisis/nabscore"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "nabscore:", err)
		os.Exit(1)
	}
}

func run() error {
	data := flag.String("data", "", "dir with series/*.csv and windows.json")
	results := flag.String("results", "", "dir with one timestamp,anomaly_score CSV per series")
	published := flag.String("published", "", "dir of <detector>_<profile>_scores_*.csv files")
	threshold := flag.Float64("threshold", 0.5, "detect where anomaly_score ≥ threshold")
	profileName := flag.String("profile", "standard", "NAB profile")
	flag.Parse()
	if *data == "" || (*results == "" && *published == "") {
		return fmt.Errorf("give --data and --results and/or --published")
	}
	profile, err := nabscore.LookupProfile(*profileName)
	if err != nil {
		return err
	}
	c, err := nabscore.LoadCorpus(*data, profile)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	if *published != "" {
		if err := printPublished(enc, c, *published, *profileName); err != nil {
			return err
		}
	}
	if *results != "" {
		return printResults(enc, c, *results, *threshold, *profileName)
	}
	return nil
}

func printPublished(enc *json.Encoder, c *nabscore.Corpus, dir, profile string) error {
	ps, err := c.PublishedScores(dir, profile)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	return nil
}

func printResults(enc *json.Encoder, c *nabscore.Corpus, dir string, threshold float64, profile string) error {
	rs, err := c.ScoreDir(dir, threshold)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	raw, null, perfect, norm := nabscore.Total(rs)
	sum := map[string]any{"threshold": threshold, "profile": profile, "files": len(rs),
		"raw_sum": raw, "null_sum": null, "perfect_sum": perfect, "normalized": norm}
	if err := enc.Encode(map[string]any{"summary": sum}); err != nil {
		return err
	}
	return enc.Encode(map[string]float64{"normalized": norm})
}
