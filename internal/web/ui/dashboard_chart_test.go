package ui

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/switchboard-crm/switchboard/internal/analytics"
)

// TestDashboardEscapesLabels renders the dashboard with hostile terms,
// community and breakdown keys: they come out as text, never as markup.
func TestDashboardEscapesLabels(t *testing.T) {
	ps, err := parsePages(os.DirFS("../templates"))
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2015, 2, 22, 0, 0, 0, 0, time.UTC)
	evil := `<script>alert(1)</script>`
	pts := []analytics.Point{{Time: day, Key: evil, Count: 5}, {Time: day.Add(24 * time.Hour), Key: `"><svg onload=alert(2)>`, Count: 3}}
	keys := stackKeys(pts, 7)
	d := &dashData{Community: evil, Communities: []string{evil}, From: "2015-02-22", To: "2015-02-23", Interval: "day", By: "channel",
		Volume:     stackOf(pts, day, day.AddDate(0, 0, 2), 24*time.Hour, keys, paletteFill, func(k string) string { return k }),
		Terms:      []analytics.TermTrend{{Term: evil, Count: 9, Ratio: 2}},
		TermsChart: hbarOf([]string{evil, "#<b>bold</b>"}, []float64{2, 1}, []string{"×2.0 (9)", "×1.0 (3)"}, palette[1]),
		Share:      hbarOf([]string{`a"b`, "c"}, []float64{60, 40}, []string{"60 %", "40 %"}, palette[4]), Brands: 2}
	var buf bytes.Buffer
	p := page{Lang: "en", TitleKey: "dash.title", SignedIn: true, Data: d}
	if err := ps.byName["dashboard.html"].ExecuteTemplate(&buf, "dashboard.html", p); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>alert", "<svg onload", "<b>bold", `a"b`} {
		if strings.Contains(out, bad) {
			t.Errorf("the page holds %q unescaped", bad)
		}
	}
	for _, good := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "#&lt;b&gt;bold&lt;/b&gt;", "<svg width=", "<rect x="} {
		if !strings.Contains(out, good) {
			t.Errorf("the page lacks %q", good)
		}
	}
	if strings.Count(out, `<rect x=`) < 4 {
		t.Errorf("expected bars for the volume, the terms and the share of voice:\n%s", out)
	}
}

func TestStackChartScalesAndFillsEmptyBuckets(t *testing.T) {
	day := time.Date(2015, 2, 22, 0, 0, 0, 0, time.UTC)
	pts := []analytics.Point{{Time: day, Key: "a", Count: 10}, {Time: day, Key: "b", Count: 30}, {Time: day.Add(2 * time.Hour), Key: "a", Count: 15}}
	c := stackOf(pts, day, day.Add(4*time.Hour), time.Hour, stackKeys(pts, 7), paletteFill, func(k string) string { return k })
	if len(c.Bars) != 4 || c.Max != 40 || c.Empty {
		t.Fatalf("bars %d, max %d, empty %v; want 4 bars (one per hour), max 40", len(c.Bars), c.Max, c.Empty)
	}
	tall := func(b stackBar) int {
		h := 0
		for _, s := range b.Segs {
			h += s.H
		}
		return h
	}
	if tall(c.Bars[0]) != plotHeight || tall(c.Bars[1]) != 0 || tall(c.Bars[2]) != plotHeight*15/40 {
		t.Errorf("heights %d %d %d, want %d 0 %d", tall(c.Bars[0]), tall(c.Bars[1]), tall(c.Bars[2]), plotHeight, plotHeight*15/40)
	}
	if c.Legend[0].Text != "b" || c.Legend[1].Text != "a" {
		t.Errorf("legend %+v: the largest key first", c.Legend)
	}
}
