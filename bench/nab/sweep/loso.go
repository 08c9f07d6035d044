package main

import (
	"fmt"
	"time"

	"github.com/switchboard-crm/switchboard/internal/crisis"
	"github.com/switchboard-crm/switchboard/internal/crisis/nabscore"
)

// gridConfigs returns the small grid of global configurations searched by
// -loso: the production defaults with a few settings varied.
func gridConfigs() ([]crisis.Config, []string) {
	var cs []crisis.Config
	var names []string
	for _, tail := range []float64{3e-4, 1e-3, 3e-3} {
		for _, hold := range []time.Duration{12 * time.Hour, 24 * time.Hour} {
			for _, excess := range []float64{5, 10, 15} {
				for _, span := range []time.Duration{5 * time.Minute, time.Hour} {
					for _, clip := range []float64{3, 5} {
						for _, scale := range []time.Duration{48 * time.Hour, 168 * time.Hour} {
							c := crisis.DefaultConfig()
							c.AlertTail, c.HoldOff, c.MinExcess, c.ExcessSpan, c.Clip, c.ScaleHalfLife = tail, hold, excess, span, clip, scale
							cs = append(cs, c)
							names = append(names, fmt.Sprintf("tail=%g hold=%s excess=%g span=%s clip=%g scale=%s", tail, hold, excess, span, clip, scale))
						}
					}
				}
			}
		}
	}
	return cs, names
}

// loso estimates how well choosing one global configuration on the corpus
// generalises: for each series, the configuration of the grid that scores
// best on the other series is applied to it (leave one series out).
func loso(c *nabscore.Corpus) error {
	cs, names := gridConfigs()
	raw := make([][]nabscore.Result, len(cs)) // [config][file]
	for i, cfg := range cs {
		for _, f := range c.Files {
			r, err := scoreFile(c, f, cfg, "")
			if err != nil {
				return err
			}
			raw[i] = append(raw[i], r)
		}
	}
	best := bestConfig(raw, -1)
	_, _, _, in := nabscore.Total(raw[best])
	fmt.Printf("in-sample best of %d configurations: %.2f (%s)\n", len(cs), in, names[best])
	var held []nabscore.Result
	for k, f := range c.Files {
		b := bestConfig(raw, k)
		fmt.Printf("  held out %-26s raw %6.2f with %s\n", f.Name, raw[b][k].Raw, names[b])
		held = append(held, raw[b][k])
	}
	_, _, _, out := nabscore.Total(held)
	fmt.Printf("leave-one-series-out: %.2f\n", out)
	return nil
}

// bestConfig returns the configuration with the highest raw score summed
// over every file but skip (ties: the first).
func bestConfig(raw [][]nabscore.Result, skip int) int {
	best, bestSum := 0, 0.0
	for i, rs := range raw {
		sum := 0.0
		for k, r := range rs {
			if k != skip {
				sum += r.Raw
			}
		}
		if i == 0 || sum > bestSum {
			best, bestSum = i, sum
		}
	}
	return best
}
