// Command sweep runs the crisis burst detector in process over a NAB corpus
// with one configuration (the production defaults, changed by flags) and
// prints the NAB standard score at the fixed threshold 0.5. It exists to
// measure how sensitive the score is to each setting; the shipped
// configuration is crisis.DefaultConfig.
//
//	go run ./bench/nab/sweep --data DIR [-alert-tail 1e-4] [-hold-off 6h] …
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/nabscore"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sweep:", err)
		os.Exit(1)
	}
}

func run() error {
	data := flag.String("data", "", "dir with series/*.csv and windows.json")
	verbose := flag.Bool("v", false, "print one line per file")
	crossVal := flag.Bool("loso", false, "search a small grid of global configurations and estimate, leaving one series out, how the choice generalises")
	dump := flag.String("dump", "", "also write each file's scores (timestamp,anomaly_score) into this dir")
	cfg := crisis.DefaultConfig()
	bindConfig(flag.CommandLine, &cfg)
	flag.Parse()
	c, err := nabscore.LoadCorpus(*data, nabscore.Profiles["standard"])
	if err != nil {
		return err
	}
	if *crossVal {
		return loso(c)
	}
	rs := make([]nabscore.Result, 0, len(c.Files))
	for _, f := range c.Files {
		r, err := scoreFile(c, f, cfg, *dump)
		if err != nil {
			return err
		}
		if *verbose {
			fmt.Printf("  %-26s raw %6.2f windows %d/%d fp %d\n", r.File, r.Raw, r.WindowsDetected, r.Windows, r.FP)
		}
		rs = append(rs, r)
	}
	_, _, _, norm := nabscore.Total(rs)
	fmt.Printf("normalized %.2f  %s\n", norm, flagSummary())
	return nil
}

// flagSummary lists the flags set on the command line.
func flagSummary() string {
	s := ""
	flag.Visit(func(f *flag.Flag) {
		if f.Name != "data" && f.Name != "v" && f.Name != "dump" {
			s += fmt.Sprintf("-%s=%s ", f.Name, f.Value)
		}
	})
	return s
}

// bindConfig exposes the detector settings as flags.
func bindConfig(fs *flag.FlagSet, c *crisis.Config) {
	fs.DurationVar(&c.LevelHalfLife, "level-half-life", c.LevelHalfLife, "")
	fs.DurationVar(&c.DailyHalfLife, "daily-half-life", c.DailyHalfLife, "")
	fs.DurationVar(&c.WeeklyHalfLife, "weekly-half-life", c.WeeklyHalfLife, "")
	fs.DurationVar(&c.ScaleHalfLife, "scale-half-life", c.ScaleHalfLife, "")
	fs.DurationVar(&c.WarmUp, "warm-up", c.WarmUp, "")
	fs.DurationVar(&c.HoldOff, "hold-off", c.HoldOff, "")
	fs.Float64Var(&c.Offset, "offset", c.Offset, "")
	fs.Float64Var(&c.MinScale, "min-scale", c.MinScale, "")
	fs.Float64Var(&c.Clip, "clip", c.Clip, "")
	fs.Float64Var(&c.AlertTail, "alert-tail", c.AlertTail, "")
	fs.Float64Var(&c.MinExcess, "min-excess", c.MinExcess, "")
	fs.DurationVar(&c.ExcessSpan, "excess-span", c.ExcessSpan, "")
	fs.Float64Var(&c.MinEvidence, "min-evidence", c.MinEvidence, "")
	fs.Float64Var(&c.TailQuantile, "tail-quantile", c.TailQuantile, "")
	fs.DurationVar(&c.TailHalfLife, "tail-half-life", c.TailHalfLife, "")
	fs.Func("horizons", "comma-separated durations", func(v string) error {
		c.Horizons = nil
		for _, f := range strings.Split(v, ",") {
			d, err := time.ParseDuration(f)
			if err != nil {
				return err
			}
			c.Horizons = append(c.Horizons, d)
		}
		return nil
	})
}
