package ui

import (
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/crisis/incident"
)

// chart is the incident's timeline drawn as SVG bars (attributes only: the
// page's content security policy allows no inline style).
type chart struct {
	Width, Height int
	Bars          []bar
}

// bar is one bucket: all messages, and the negative ones in front.
type bar struct {
	X, W, Y, H, NegY, NegH int
	Title                  string
}

const (
	chartHeight = 120
	chartMaxBar = 24
	chartBars   = 288 // a day of 5-minute buckets at most
)

func chartOf(points []incident.Point) chart {
	if len(points) > chartBars {
		points = points[len(points)-chartBars:]
	}
	peak := 1
	for _, p := range points {
		peak = max(peak, p.Messages)
	}
	w := max(2, min(chartMaxBar, 720/max(1, len(points))))
	c := chart{Width: max(w*len(points), w), Height: chartHeight}
	for i, p := range points {
		h := p.Messages * chartHeight / peak
		n := p.Negative * chartHeight / peak
		c.Bars = append(c.Bars, bar{X: i * w, W: max(1, w-1), Y: chartHeight - h, H: h, NegY: chartHeight - n, NegH: n,
			Title: p.Time.Format("2006-01-02 15:04") + " · " + strconv.Itoa(p.Messages) + " / " + strconv.Itoa(p.Negative) + " −"})
	}
	return c
}
