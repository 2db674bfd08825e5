//go:build !js

package main

import (
	"fmt"
	"math"
	"strings"
)

// goal is one of the performance issue's targets, checked on one run's
// medians: ratios are taken within the run, so a busy machine slows both
// banners alike.
type goal struct {
	text  string
	check func(r *results, sizes sizes) (measured string, met, known bool)
}

// Limits of the goals.
const (
	maxVisibleRatio    = 1.0
	maxVisitBytes      = 15000 // 15 KB on the wire from the consent server over a 30 s visit without the panel
	maxReturnMainRatio = 2.0
	maxWasmBrotli      = 1450000 // 1.45 MB
	maxTBTcpu4         = 250.0   // ms
	maxPanelRatio      = 1.0     // click → panel on screen
	maxSwitchRatio     = 1.5     // click → a switch toggles
	maxPanelINP        = 200.0   // ms, at 4x CPU
)

// panelScenarios are the three ways of opening the panel the targets name.
var panelScenarios = []string{"panel", "panel-cpu4", "panel-slow"}

var goals = []goal{
	{"First visit, banner visible, cold: ≤ 1.0x the reference", ratioGoal("cold", metricVisible, maxVisibleRatio)},
	{"First visit, banner visible, CPU 4x: ≤ 1.0x the reference", ratioGoal("cpu4", metricVisible, maxVisibleRatio)},
	{"First visit: \"Tout refuser\" clicked the moment it can be stores the refusal, every time (cold and CPU 4x)", clickGoal},
	{"30 s on the page without opening the panel: ≤ 15 KB (15 000 B) from the consent server (first visit that chooses, returning visitor with a warm cache and with the cache emptied)", visitBytesGoal},
	{"Returning visitor: main thread busy ≤ 2x the reference", ratioGoal("return", metricMainThread, maxReturnMainRatio)},
	{"Wasm ≤ 1.45 MB brotli (1 450 000 B)", wasmGoal},
	{"First visit, CPU 4x: total blocking time ≤ 250 ms", valueGoal("cpu4", metricTBT, maxTBTcpu4)},
	{"Click on \"Personnaliser\" → panel on screen: ≤ 1.0x the reference (1x CPU, 4x CPU, slow network)", ratiosGoal(panelScenarios, metricClickPanel, maxPanelRatio)},
	{"Click on a switch of the panel → switch toggled: ≤ 1.5x the reference (1x CPU, 4x CPU, slow network)", ratiosGoal(panelScenarios, metricClickSwitch, maxSwitchRatio)},
	{"Clicks in the panel, CPU 4x, while the wasm starts: interaction to next paint ≤ 200 ms", valueGoal("panel-cpu4", metricPanelINP, maxPanelINP)},
}

// ratiosGoal holds when the ratio goal holds in every one of the scenarios
// measured.
func ratiosGoal(ids []string, m metric, limit float64) func(*results, sizes) (string, bool, bool) {
	return everyGoal(ids, func(id string) func(*results, sizes) (string, bool, bool) { return ratioGoal(id, m, limit) })
}

// everyGoal holds when the goal made for each scenario holds in every one
// of them that was measured; it reports each one's measure.
func everyGoal(ids []string, goal func(id string) func(*results, sizes) (string, bool, bool)) func(*results, sizes) (string, bool, bool) {
	return func(r *results, s sizes) (string, bool, bool) {
		var parts []string
		met, known := true, false
		for _, id := range ids {
			measured, ok, k := goal(id)(r, s)
			if !k {
				continue
			}
			known = true
			parts = append(parts, id+" "+measured)
			met = met && ok
		}
		if !known {
			return "not measured", false, false
		}
		return strings.Join(parts, ", "), met, true
	}
}

// medianOf is a contender's median of a metric in a scenario.
func (r *results) medianOf(scenarioID, name string, m metric) float64 {
	var v []float64
	for _, s := range r.samples[scenarioID][name] {
		v = append(v, m.value(s))
	}
	return median(v)
}

func ratioGoal(scenarioID string, m metric, limit float64) func(*results, sizes) (string, bool, bool) {
	return func(r *results, _ sizes) (string, bool, bool) {
		o, ref := r.medianOf(scenarioID, "ours", m), r.medianOf(scenarioID, "reference", m)
		x := ratio(o, ref)
		if math.IsNaN(x) {
			return "not measured", false, false
		}
		return fmt.Sprintf("%s (%s / %s)", formatRatio(x), m.unit.format(o), m.unit.format(ref)), x <= limit, true
	}
}

func valueGoal(scenarioID string, m metric, limit float64) func(*results, sizes) (string, bool, bool) {
	return func(r *results, _ sizes) (string, bool, bool) {
		v := r.medianOf(scenarioID, "ours", m)
		if math.IsNaN(v) {
			return "not measured", false, false
		}
		s := m.unit.format(v)
		if m.unit == unitKiB {
			s = fmt.Sprintf("%.0f B", v)
		}
		return s, v <= limit, true
	}
}

// visitBytesGoal holds when what the consent server sends over a 30 s
// visit is small for a first visitor who chooses, and for a returning
// visitor with a warm cache and with the cache emptied (with a warm cache
// HTTP caching alone makes the files 0): no background download.
func visitBytesGoal(r *results, s sizes) (string, bool, bool) {
	return everyGoal([]string{"choose", "return", "return-nocache"}, func(id string) func(*results, sizes) (string, bool, bool) {
		return valueGoal(id, metricVisitBytes, maxVisitBytes)
	})(r, s)
}

func clickGoal(r *results, _ sizes) (string, bool, bool) {
	var parts []string
	met, known := true, false
	for _, id := range []string{"click", "click-cpu4"} {
		samples := r.samples[id]["ours"]
		failed := len(r.failed[id]["ours"])
		if len(samples)+failed == 0 {
			continue
		}
		known = true
		k := 0
		for _, s := range samples {
			if s.refused {
				k++
			}
		}
		parts = append(parts, fmt.Sprintf("%s %d/%d", id, k, len(samples)+failed))
		met = met && k == len(samples)+failed
	}
	if !known {
		return "not measured", false, false
	}
	return strings.Join(parts, ", "), met, true
}

func wasmGoal(_ *results, s sizes) (string, bool, bool) {
	if s.wasmBrotli == 0 {
		return "no dist/consent.wasm.br", false, false
	}
	return fmt.Sprintf("%.2f MB (%d B)", float64(s.wasmBrotli)/1e6, s.wasmBrotli), s.wasmBrotli <= maxWasmBrotli, true
}

// goalsTable is the targets' Markdown table.
func goalsTable(r *results, s sizes) string {
	var b strings.Builder
	b.WriteString("| target | measured | |\n|---|---|---|\n")
	for _, g := range goals {
		measured, met, known := g.check(r, s)
		verdict := "missed"
		switch {
		case !known:
			verdict = "—"
		case met:
			verdict = "met"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", g.text, measured, verdict)
	}
	return b.String()
}
