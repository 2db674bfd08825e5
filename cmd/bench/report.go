//go:build !js

package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// unit is how a metric's value is shown.
type unit int

const (
	unitMs    unit = iota // milliseconds, no decimals
	unitKiB               // bytes, shown in KiB
	unitMiB               // bytes, shown in MiB
	unitCount             // a count (a median of counts can end in .5)
)

// format shows v in the unit, "—" when missing.
func (u unit) format(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	switch u {
	case unitKiB:
		return fmt.Sprintf("%.1f KiB", v/1024)
	case unitMiB:
		return fmt.Sprintf("%.1f MiB", v/(1024*1024))
	case unitCount:
		if v == math.Trunc(v) {
			return fmt.Sprintf("%.0f", v)
		}
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.0f ms", v)
	}
}

// formatRatio shows ours/reference, "—" when it has no meaning.
func formatRatio(r float64) string {
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return "—"
	}
	return fmt.Sprintf("%.2fx", r)
}

// metric is one row of a scenario's table. A metric has either a value
// (its median is shown) or a predicate (the loads where it holds are
// counted, "5/7").
type metric struct {
	label string
	unit  unit
	value func(sample) float64
	holds func(sample) bool
}

// opt turns an optional probe time into a value.
func opt(v *float64) float64 {
	if v == nil {
		return missing
	}
	return *v
}

// The metrics that goals refer to by name.
var (
	metricVisible     = metric{label: "banner visible (starts to appear)", value: func(s sample) float64 { return opt(s.probe.Visible) }}
	metricMainThread  = metric{label: "main thread busy", value: func(s sample) float64 { return s.taskMs }}
	metricTBT         = metric{label: "total blocking time", value: func(s sample) float64 { return totalBlockingTime(s.probe.LongTasks) }}
	metricRefused     = metric{label: "refusal stored by that one click within 5 s", holds: func(s sample) bool { return s.refused }}
	metricPanelOpened = metric{label: "panel visible after that one click", holds: func(s sample) bool { return !math.IsNaN(clickToPanel(s)) }}
	metricClickPanel  = metric{label: "click → panel visible", value: clickToPanel}
	metricClickSwitch = metric{label: "click on a switch → switch toggled on screen", value: clickToToggle}
	metricPanelINP    = metric{label: "interaction to next paint, clicks in the panel (the slowest)", value: panelINP}
	metricVisitBytes  = metric{label: "on the wire: banner (JS + CSS + wasm + JSON)", unit: unitKiB, value: bytesOf(bannerKinds...)}
)

// The metrics, by the scenarios they describe.
var (
	firstVisitMetrics = []metric{
		metricVisible,
		{label: "banner on screen, clickable", value: func(s sample) float64 { return opt(s.probe.Clickable) }},
		{label: "banner interactive", value: func(s sample) float64 { return opt(s.probe.Interactive) }},
		{label: "page: first contentful paint", value: func(s sample) float64 { return opt(s.probe.FCP) }},
		{label: "page: load event", value: func(s sample) float64 { return opt(s.probe.Loaded) }},
	}
	mainThreadMetrics = []metric{
		metricMainThread,
		{label: "… of which script", value: func(s sample) float64 { return s.scriptMs }},
		{label: "long tasks (> 50 ms)", unit: unitCount, value: func(s sample) float64 { return float64(len(s.probe.LongTasks)) }},
		metricTBT,
		{label: "wasm memory", unit: unitMiB, value: func(s sample) float64 { return s.probe.WasmMemory }},
		{label: "JS heap used", unit: unitMiB, value: func(s sample) float64 { return s.jsHeap }},
	}
	wireMetrics = []metric{
		{label: "on the wire: HTML page", unit: unitKiB, value: bytesOf(assetHTML)},
		{label: "on the wire: JS", unit: unitKiB, value: bytesOf(assetJS)},
		{label: "on the wire: CSS", unit: unitKiB, value: bytesOf(assetCSS)},
		{label: "on the wire: wasm", unit: unitKiB, value: bytesOf(assetWasm)},
		{label: "on the wire: JSON (configuration, proof of consent)", unit: unitKiB, value: bytesOf(assetJSON)},
		{label: "on the wire: other (favicon)", unit: unitKiB, value: bytesOf(assetOther)},
		metricVisitBytes,
		{label: "requests", unit: unitCount, value: func(s sample) float64 { return float64(s.requests) }},
	}
	returnMetrics = []metric{
		{label: "stored choice known to the page's scripts", value: func(s sample) float64 { return opt(s.probe.ChoiceKnown) }},
		{label: "page: load event", value: func(s sample) float64 { return opt(s.probe.Loaded) }},
		{label: "banner shown (must be never)", holds: func(s sample) bool { return s.probe.ShownEver }},
	}
	clickMetrics = []metric{
		metricRefused,
		{label: "\"Tout refuser\" clickable", value: func(s sample) float64 { return opt(s.probe.Clickable) }},
		{label: "click → consent cookie written", value: func(s sample) float64 { return since(s.probe.Click, s.probe.CookieWritten) }},
	}
	// panelMetrics are measured from the click on "Personnaliser" to the
	// panel visible, except the clickable time (from navigation start) and
	// the wasm memory (at the end).
	panelMetrics = []metric{
		metricPanelOpened,
		{label: "\"Personnaliser\" clickable", value: func(s sample) float64 { return opt(s.probe.Clickable) }},
		metricClickPanel,
		metricClickSwitch,
		metricPanelINP,
		{label: "click → wasm live (go-app has taken the panel over)", value: func(s sample) float64 { return since(s.probe.Click, s.probe.Live) }},
		{label: "the Go program's start, in three tasks: the longest", value: func(s sample) float64 { return opt(s.probe.GoRun) }},
		{label: "… of which the Go runtime and packages' initialisation", value: func(s sample) float64 { return opt(s.probe.GoInit) }},
		{label: "main thread busy, click → panel", value: func(s sample) float64 { return s.panelTaskMs }},
		{label: "long tasks (> 50 ms), click → panel", unit: unitCount, value: func(s sample) float64 { return float64(len(panelLongTasks(s))) }},
		{label: "total blocking time, click → panel", value: func(s sample) float64 { return totalBlockingTime(panelLongTasks(s)) }},
		{label: "wasm memory", unit: unitMiB, value: func(s sample) float64 { return s.probe.WasmMemory }},
	}
	panelWireMetrics = []metric{
		{label: "on the wire after the click: wasm", unit: unitKiB, value: func(s sample) float64 { return sumBytes(s.panelBytes, assetWasm) }},
		{label: "on the wire after the click: everything", unit: unitKiB, value: func(s sample) float64 { return sumBytes(s.panelBytes, assetKinds...) }},
	}
)

// since is the time from one probe time to another, missing if either is.
func since(from, to *float64) float64 {
	if from == nil || to == nil {
		return missing
	}
	return *to - *from
}

// clickToPanel is the time from the click to the panel visible.
func clickToPanel(s sample) float64 { return since(s.probe.Click, s.probe.PanelVisible) }

// clickToToggle is the time from the press on the panel's switch to the
// first frame that shows it toggled.
func clickToToggle(s sample) float64 { return since(s.probe.SwitchClick, s.probe.Toggled) }

// panelINP is the slowest interaction from the first press on the panel's
// switch on (the switch clicked again and again while ours starts its
// wasm): input to the next paint, as Interaction to Next Paint counts it
// for pages with few interactions. Interactions under 16 ms are not
// reported by the browser: 0 then.
func panelINP(s sample) float64 {
	if s.probe.SwitchClick == nil {
		return missing
	}
	worst := 0.0
	for _, e := range s.probe.Interactions {
		if e[0] >= *s.probe.SwitchClick-1 && e[1] > worst {
			worst = e[1]
		}
	}
	return worst
}

// panelLongTasks are the long tasks that started between the click and the
// panel visible (none when the panel never showed).
func panelLongTasks(s sample) [][2]float64 {
	if s.probe.Click == nil || s.probe.PanelVisible == nil {
		return nil
	}
	return tasksBetween(s.probe.LongTasks, *s.probe.Click, *s.probe.PanelVisible)
}

// bannerKinds are what the consent server sends (the page and its favicon
// are the portal's).
var bannerKinds = []assetKind{assetJS, assetCSS, assetWasm, assetJSON}

func bytesOf(kinds ...assetKind) func(sample) float64 {
	return func(s sample) float64 { return sumBytes(s.bytes, kinds...) }
}

// metricsFor lists a scenario's rows.
func metricsFor(sc scenario) []metric {
	var m []metric
	switch {
	case sc.spec.clickRefuse:
		return clickMetrics
	case sc.spec.clickAccept:
		return append(append(m, mainThreadMetrics...), wireMetrics...)
	case sc.spec.openPanel:
		m = append(m, panelMetrics...)
		if sc.spec.cpuRate == 1 {
			m = append(m, panelWireMetrics...) // the same bytes at any CPU speed
		}
		return m
	case sc.spec.returning:
		m = append(m, returnMetrics...)
		m = append(m, mainThreadMetrics...)
		return append(m, wireMetrics...)
	default:
		m = append(m, firstVisitMetrics...)
		m = append(m, mainThreadMetrics...)
		if sc.spec.cpuRate == 1 {
			m = append(m, wireMetrics...) // the same bytes at any CPU speed
		}
		return m
	}
}

// cell is one contender's value of a metric in a scenario: the median, or
// the count of loads where the predicate holds.
func cell(samples []sample, m metric) (text string, value float64) {
	if m.holds != nil {
		k := 0
		for _, s := range samples {
			if m.holds(s) {
				k++
			}
		}
		return fmt.Sprintf("%d/%d", k, len(samples)), missing
	}
	var v []float64
	for _, s := range samples {
		v = append(v, m.value(s))
	}
	med := median(v)
	return m.unit.format(med), med
}

// table is a scenario's Markdown table: one row per metric, columns ours,
// reference and ours/reference.
func table(m []metric, ours, ref []sample) string {
	var b strings.Builder
	b.WriteString("| metric | ours | reference | ours/ref |\n|---|---:|---:|---:|\n")
	for _, x := range m {
		o, ov := cell(ours, x)
		r, rv := cell(ref, x)
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", x.label, o, r, formatRatio(ratio(ov, rv)))
	}
	return b.String()
}

// Markers around the generated block in the README.
const (
	readmeBegin = "<!-- bench:begin (written by ./build.sh bench) -->"
	readmeEnd   = "<!-- bench:end -->"
)

// replaceBlock puts content between the begin and end markers of doc,
// keeping the markers. Both must be there, once, in order.
func replaceBlock(doc, begin, end, content string) (string, error) {
	if strings.Count(doc, begin) != 1 || strings.Count(doc, end) != 1 {
		return "", errors.New("the markers " + begin + " and " + end + " must each be there once")
	}
	i := strings.Index(doc, begin) + len(begin)
	j := strings.Index(doc, end)
	if j < i {
		return "", errors.New("the end marker comes before the begin marker")
	}
	return doc[:i] + "\n" + strings.TrimSpace(content) + "\n" + doc[j:], nil
}
