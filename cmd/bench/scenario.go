//go:build !js

package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// visit is how long the visits that count bytes last: what a visitor who
// reads the page for a while downloads, background downloads included.
const visit = 30 * time.Second

// scenario is one kind of visit, measured n times for each banner.
type scenario struct {
	id    string // for -scenarios
	title string // the report's heading
	spec  loadSpec
}

// scenarios are every kind of visit the benchmark knows, in report order.
var scenarios = []scenario{
	{"cold", "First visit, cold cache", loadSpec{cpuRate: 1}},
	{"cpu4", "First visit, cold cache, CPU slowed 4x", loadSpec{cpuRate: 4}},
	{"choose", "First visit: \"Tout accepter\" clicked the moment it can be, then 30 s on the page", loadSpec{cpuRate: 1, clickAccept: true, visit: visit}},
	{"return", "Returning visitor: warm cache, valid choice, 30 s on the page", loadSpec{cpuRate: 1, returning: true, visit: visit}},
	{"return-nocache", "Returning visitor: HTTP cache emptied, valid choice, 30 s on the page", loadSpec{cpuRate: 1, returning: true, emptyCache: true, visit: visit}},
	{"click", "First visit: \"Tout refuser\" clicked the moment it can be", loadSpec{cpuRate: 1, clickRefuse: true}},
	{"click-cpu4", "First visit, CPU slowed 4x: \"Tout refuser\" clicked the moment it can be", loadSpec{cpuRate: 4, clickRefuse: true}},
	{"panel", "First visit: the preferences panel opened (\"Personnaliser\" clicked the moment it can be), then a switch clicked", loadSpec{cpuRate: 1, openPanel: true}},
	{"panel-cpu4", "First visit, CPU slowed 4x: the preferences panel opened, then a switch clicked", loadSpec{cpuRate: 4, openPanel: true}},
	{"panel-slow", "First visit, slow mobile network (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up): the preferences panel opened, then a switch clicked", loadSpec{cpuRate: 1, openPanel: true, network: slowNetwork}},
}

// pickScenarios returns the scenarios named in a comma-separated list, or
// all of them for "" or "all".
func pickScenarios(list string) ([]scenario, error) {
	if list == "" || list == "all" {
		return scenarios, nil
	}
	var out []scenario
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		found := false
		for _, s := range scenarios {
			if s.id == id {
				out, found = append(out, s), true
			}
		}
		if !found {
			var ids []string
			for _, s := range scenarios {
				ids = append(ids, s.id)
			}
			return nil, fmt.Errorf("unknown scenario %q (known: %s)", id, strings.Join(ids, ", "))
		}
	}
	return out, nil
}

// results holds every load's sample by scenario id, then contender name.
// A load that failed has no sample; its error is counted.
type results struct {
	samples map[string]map[string][]sample
	failed  map[string]map[string][]string
}

func newResults() *results {
	return &results{samples: map[string]map[string][]sample{}, failed: map[string]map[string][]string{}}
}

func (r *results) add(scenarioID, name string, s sample) {
	if r.samples[scenarioID] == nil {
		r.samples[scenarioID] = map[string][]sample{}
	}
	r.samples[scenarioID][name] = append(r.samples[scenarioID][name], s)
}

func (r *results) fail(scenarioID, name string, err error) {
	if r.failed[scenarioID] == nil {
		r.failed[scenarioID] = map[string][]string{}
	}
	r.failed[scenarioID][name] = append(r.failed[scenarioID][name], err.Error())
}

// runAll measures n rounds. In each round every scenario loads each banner
// once, ours first in even rounds and the reference first in odd ones:
// whatever else the machine does at that time weighs on both alike. With a
// traces directory, each load's Chromium trace is written there.
func runAll(browser context.Context, pick []scenario, contenders [2]*contender, n int, traces string, log io.Writer) *results {
	r := newResults()
	for round := 0; round < n; round++ {
		for _, sc := range pick {
			order := contenders
			if round%2 == 1 {
				order[0], order[1] = order[1], order[0]
			}
			for _, c := range order {
				spec := sc.spec
				if traces != "" {
					spec.trace = filepath.Join(traces, fmt.Sprintf("%s-%s-%d.json", sc.id, c.name, round+1))
				}
				s, err := measureLoad(browser, c, spec)
				if err != nil {
					r.fail(sc.id, c.name, err)
					fmt.Fprintf(log, "bench: round %d/%d %-14s %-9s FAILED: %v\n", round+1, n, sc.id, c.name, err)
					continue
				}
				r.add(sc.id, c.name, s)
				fmt.Fprintf(log, "bench: round %d/%d %-14s %-9s %s\n", round+1, n, sc.id, c.name, s.summary())
			}
		}
	}
	return r
}

// summary is one load's progress line.
func (s sample) summary() string {
	p := s.probe
	parts := []string{
		"visible " + fmtMs(p.Visible),
		"interactive " + fmtMs(p.Interactive),
		"choice " + fmtMs(p.ChoiceKnown),
		fmt.Sprintf("main thread %.0f ms", s.taskMs),
		fmt.Sprintf("TBT %.0f ms", totalBlockingTime(p.LongTasks)),
		fmt.Sprintf("%.1f KiB", sumBytes(s.bytes, assetKinds...)/1024),
	}
	if s.clicked && !s.panel {
		parts = append(parts, fmt.Sprintf("refused with one click: %v", s.refused))
	}
	if s.panel {
		parts = append(parts,
			"click → panel "+unitMs.format(clickToPanel(s)),
			"click → switch "+unitMs.format(clickToToggle(s)),
			"INP "+unitMs.format(panelINP(s)),
			fmt.Sprintf("after the click: main thread %.0f ms, TBT %.0f ms, %.1f KiB",
				s.panelTaskMs, totalBlockingTime(panelLongTasks(s)), sumBytes(s.panelBytes, assetKinds...)/1024))
	}
	if p.TimedOut {
		parts = append(parts, "TIMED OUT")
	}
	return strings.Join(parts, ", ")
}

func fmtMs(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f ms", *v)
}

// sumBytes adds the bytes of the given kinds.
func sumBytes(b map[assetKind]float64, kinds ...assetKind) float64 {
	total := 0.0
	for _, k := range kinds {
		total += b[k]
	}
	return total
}
