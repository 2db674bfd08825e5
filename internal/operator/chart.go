package operator

import (
	"fmt"
	"strconv"

	"github.com/opendata-portals/cookie-consent/proof"
)

// The daily-counts chart of the operator's overview: stacked bars drawn as
// inline SVG on the server, so the page needs no JavaScript and its
// Content-Security-Policy allows no script at all. The same numbers are in
// a table beside it, for screen readers and for copying.
const (
	chartWidth  = 800
	chartHeight = 240
	chartLeft   = 48 // room for the y axis labels
	chartBottom = 24 // room for the x axis labels
	chartTop    = 8
)

// kindStyle is how a kind of choice looks in the chart; its label is the
// translation of "kind.<Kind>" (see i18n.go).
type kindStyle struct {
	Kind  proof.Kind
	Color string // fill; each has at least 3:1 contrast with white
}

var kindStyles = []kindStyle{
	{proof.AcceptAll, "#1f6f3a"},
	{proof.RefuseAll, "#a4262c"},
	{proof.Custom, "#2b5797"},
}

// legendItem is one kind of choice in the chart's legend.
type legendItem struct {
	Kind  proof.Kind
	Label string
}

// chart is what the template draws.
type chart struct {
	Width, Height int
	Left, Top     int // the plot's left edge (y axis) and top
	Base          int // the plot's bottom (x axis)
	Bars          []chartBar
	Ticks         []chartTick // y axis
	Labels        []chartTick // x axis
	Legend        []legendItem
	Title         string
}

type chartBar struct {
	Title string // the day and its counts, shown on hover and read by screen readers
	Rects []chartRect
}

type chartRect struct {
	X, Y, W, H string
	Color      string
}

type chartTick struct {
	X, Y   string
	Text   string
	Anchor string // text-anchor: the first date starts at its bar, the last ends at its bar
}

// newChart lays out one stacked bar per day, scaled to the busiest day,
// labelled in lang.
func newChart(days []proof.DayCount, lang string) chart {
	c := chart{Width: chartWidth, Height: chartHeight, Left: chartLeft, Top: chartTop, Base: chartHeight - chartBottom,
		Title: tr(lang, "chartTitle", len(days))}
	for _, k := range kindStyles {
		c.Legend = append(c.Legend, legendItem{Kind: k.Kind, Label: tr(lang, "kind."+string(k.Kind))})
	}
	if len(days) == 0 {
		return c
	}
	var peak int64 = 1
	for _, d := range days {
		peak = max(peak, d.Total())
	}
	plotW := float64(chartWidth - chartLeft)
	plotH := float64(chartHeight - chartBottom - chartTop)
	slot := plotW / float64(len(days))
	barW := max(slot*0.8, 1)
	base := float64(chartHeight - chartBottom)
	for i, d := range days {
		x := float64(chartLeft) + float64(i)*slot + (slot-barW)/2
		y := base
		bar := chartBar{Title: fmt.Sprintf("%s: %d", d.Day.Format("2006-01-02"), d.Total())}
		for _, k := range kindStyles {
			n := d.Counts[k.Kind]
			bar.Title += fmt.Sprintf(", %s %d", tr(lang, "kind."+string(k.Kind)), n)
			if n == 0 {
				continue
			}
			h := float64(n) / float64(peak) * plotH
			y -= h
			bar.Rects = append(bar.Rects, chartRect{X: num(x), Y: num(y), W: num(barW), H: num(h), Color: k.Color})
		}
		c.Bars = append(c.Bars, bar)
	}
	for _, v := range []int64{0, peak / 2, peak} {
		if v == peak/2 && (peak < 2) {
			continue
		}
		y := base - float64(v)/float64(peak)*plotH
		c.Ticks = append(c.Ticks, chartTick{X: num(chartLeft - 6), Y: num(y + 4), Text: strconv.FormatInt(v, 10), Anchor: "end"})
	}
	for _, i := range uniqueInts(0, len(days)/2, len(days)-1) {
		x, anchor := float64(chartLeft)+(float64(i)+0.5)*slot, "middle"
		switch {
		case len(days) == 1:
		case i == 0:
			x, anchor = float64(chartLeft)+float64(i)*slot, "start"
		case i == len(days)-1:
			x, anchor = float64(chartLeft)+float64(i+1)*slot, "end"
		}
		c.Labels = append(c.Labels, chartTick{X: num(x), Y: num(chartHeight - 6), Text: days[i].Day.Format("2006-01-02"), Anchor: anchor})
	}
	return c
}

// num writes a coordinate with at most two decimals.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// uniqueInts returns its arguments without repeats, in order.
func uniqueInts(vs ...int) []int {
	var out []int
	for _, v := range vs {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}
