package ui

import (
	"strconv"

	"github.com/switchboard-crm/switchboard/internal/store"
)

// sentimentChart is a person's messages by week drawn as stacked SVG bars:
// negative at the bottom, neutral, then positive (attributes only: the
// content security policy allows no inline style).
type sentimentChart struct {
	Width, Height int
	Bars          []sentimentBar
}

// sentimentBar is one week.
type sentimentBar struct {
	X, W       int
	NegY, NegH int
	NeuY, NeuH int
	PosY, PosH int
	Title      string
}

const (
	sentimentHeight = 80
	sentimentWeeks  = 52
)

func sentimentChartOf(points []store.SentimentPoint) sentimentChart {
	if len(points) > sentimentWeeks {
		points = points[len(points)-sentimentWeeks:]
	}
	peak := 1
	for _, p := range points {
		peak = max(peak, p.Positive+p.Neutral+p.Negative)
	}
	w := max(4, min(24, 480/max(1, len(points))))
	c := sentimentChart{Width: max(w*len(points), w), Height: sentimentHeight}
	for i, p := range points {
		neg, neu, pos := p.Negative*sentimentHeight/peak, p.Neutral*sentimentHeight/peak, p.Positive*sentimentHeight/peak
		b := sentimentBar{X: i * w, W: max(1, w-1), NegH: neg, NeuH: neu, PosH: pos}
		b.NegY = sentimentHeight - neg
		b.NeuY = b.NegY - neu
		b.PosY = b.NeuY - pos
		b.Title = p.Week.Format("2006-01-02") + " · +" + strconv.Itoa(p.Positive) + " =" + strconv.Itoa(p.Neutral) + " −" + strconv.Itoa(p.Negative)
		c.Bars = append(c.Bars, b)
	}
	return c
}
