package ui

import (
	"sort"
	"strconv"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
)

// The dashboards' charts are drawn by the server as SVG: this file computes
// the geometry, dashboard.html writes the elements with attributes only (the
// content security policy allows no inline style) and html/template escapes
// every label, terms from social text included.

// stackChart is bars over time, each split in coloured segments.
type stackChart struct {
	Width, Height int
	Bars          []stackBar
	Ticks         []tick
	Legend        []legend
	Max           int64 // the count at the top of the plot
	Empty         bool
}

type stackBar struct {
	X, W  int
	Title string
	Segs  []seg
}

type seg struct {
	X, W, Y, H int
	Fill       string
}

type tick struct {
	X    int
	Text string
}

type legend struct {
	Fill, Text string
}

// hbarChart is one horizontal bar per row, labelled on the left.
type hbarChart struct {
	Width, Height int
	Rows          []hbar
}

type hbar struct {
	X, Y, W, TextY, ValueX int
	Label, Value, Fill     string
	Title                  string
}

const (
	plotHeight  = 160
	plotWidth   = 720
	plotMaxBar  = 64
	plotBuckets = 800 // 31 days of hours at most, with room
	otherKey    = "\x00other"
	hbarLabelW  = 240
	hbarPlotW   = 420
	hbarRowH    = 22
	tickWidth   = 48
)

var palette = []string{"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"}

// Fixed colours of the sentiment chart.
var sentimentFill = map[string]string{"negative": "#c0392b", "neutral": "#b8c2cc", "positive": "#27ae60"}

// stackKeys orders the keys by their total, largest first, folding those
// past the top into "other".
func stackKeys(pts []analytics.Point, top int) []string {
	total := map[string]int64{}
	for _, p := range pts {
		total[p.Key] += p.Count
	}
	keys := make([]string, 0, len(total))
	for k := range total {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if total[keys[i]] != total[keys[j]] {
			return total[keys[i]] > total[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > top {
		keys = append(keys[:top-1], otherKey)
	}
	return keys
}

// buckets lists the starts of the buckets of [from, to).
func buckets(from, to time.Time, step time.Duration) []time.Time {
	var out []time.Time
	for t := from.UTC().Truncate(step); t.Before(to) && len(out) < plotBuckets; t = t.Add(step) {
		out = append(out, t)
	}
	return out
}

// stackOf draws points (a count per bucket and key) as stacked bars over
// [from, to), naming keys with name and "other" with otherName.
func stackOf(pts []analytics.Point, from, to time.Time, step time.Duration, keys []string, fill func(i int, key string) string, name func(string) string) stackChart {
	slot := map[string]int{}
	for i, k := range keys {
		slot[k] = i
	}
	times := buckets(from, to, step)
	index := map[int64]int{}
	for i, t := range times {
		index[t.Unix()] = i
	}
	cells := make([][]int64, len(times))
	for i := range cells {
		cells[i] = make([]int64, len(keys))
	}
	for _, p := range pts {
		i, ok := index[p.Time.Unix()]
		if !ok {
			continue
		}
		k, ok := slot[p.Key]
		if !ok {
			k = slot[otherKey]
		}
		cells[i][k] += p.Count
	}
	c := stackChart{Height: plotHeight}
	for _, row := range cells {
		var sum int64
		for _, v := range row {
			sum += v
		}
		c.Max = max(c.Max, sum)
	}
	c.Empty = c.Max == 0
	peak := max(c.Max, 1)
	w := max(1, min(plotMaxBar, plotWidth/max(1, len(times))))
	c.Width = max(w*len(times), w)
	layout, tickLayout, tickW := "2006-01-02", "01-02", tickWidth
	if step < 24*time.Hour {
		layout, tickLayout, tickW = "2006-01-02 15:04", "01-02 15h", tickWidth*3/2
	}
	every := max(1, (tickW+w-1)/w) // a label every tickW pixels at least
	for i, t := range times {
		b := stackBar{X: i * w, W: max(1, w-1)}
		y := plotHeight
		var sum int64
		for k, v := range cells[i] {
			h := int(v * plotHeight / peak)
			if v > 0 {
				h = max(h, 1)
			}
			y -= h
			b.Segs = append(b.Segs, seg{X: b.X, W: b.W, Y: y, H: h, Fill: fill(k, keys[k])})
			sum += v
		}
		b.Title = t.Format(layout) + " · " + strconv.FormatInt(sum, 10)
		c.Bars = append(c.Bars, b)
		if i%every == 0 {
			c.Ticks = append(c.Ticks, tick{X: i * w, Text: t.Format(tickLayout)})
		}
	}
	for k, key := range keys {
		c.Legend = append(c.Legend, legend{Fill: fill(k, key), Text: name(key)})
	}
	return c
}

func paletteFill(i int, _ string) string { return palette[i%len(palette)] }

// hbarOf draws one bar per row, its length value/peak.
func hbarOf(labels []string, values []float64, shown []string, fill string) hbarChart {
	peak := 0.0
	for _, v := range values {
		peak = max(peak, v)
	}
	c := hbarChart{Width: hbarLabelW + hbarPlotW + 150, Height: max(hbarRowH, hbarRowH*len(labels))}
	for i, l := range labels {
		w := 0
		if peak > 0 {
			w = int(values[i] / peak * hbarPlotW)
		}
		y := i * hbarRowH
		c.Rows = append(c.Rows, hbar{X: hbarLabelW, Y: y + 3, W: max(w, 1), TextY: y + 16, ValueX: hbarLabelW + w + 6,
			Label: clip(l, 34), Value: shown[i], Fill: fill, Title: l + " · " + shown[i]})
	}
	return c
}

// clip shortens a label to n runes.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// stackArgs is what the dashstack template draws: a chart, its label and the page.
type stackArgs struct {
	P     page
	C     stackChart
	Label string
}

func init() {
	funcs["add"] = func(a, b int) int { return a + b }
	funcs["stack"] = func(p page, c stackChart, label string) stackArgs { return stackArgs{P: p, C: c, Label: label} }
	funcs["hours"] = func(s float64) string { return strconv.FormatFloat(s/3600, 'f', 1, 64) + " h" }
}
