//go:build !js

package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// document is everything the report says about one run.
type document struct {
	when       time.Time
	machine    string // CPU, cores, load average at start
	browser    string
	goVersion  string
	refVersion string
	n          int
	picked     []scenario
	res        *results
	sizes      sizes
	notes      []string
}

// markdown is the report: how it was measured, the goals, one table per
// scenario, the files' sizes, and notes (failed loads first).
func (d *document) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured %s on %s, %s, %s. Reference: vanilla-cookieconsent %s on the same demo page, same categories and texts, served from loopback like ours. ",
		d.when.UTC().Format("2006-01-02 15:04 MST"), d.machine, d.browser, d.goVersion, d.refVersion)
	fmt.Fprintf(&b, "%d loads per scenario and banner, interleaved; medians. Times are from navigation start.\n\n", d.n)

	b.WriteString("### Targets\n\n")
	b.WriteString(goalsTable(d.res, d.sizes))
	for _, sc := range d.picked {
		fmt.Fprintf(&b, "\n### %s\n\n", sc.title)
		b.WriteString(table(metricsFor(sc), d.res.samples[sc.id]["ours"], d.res.samples[sc.id]["reference"]))
	}
	b.WriteString("\n### Files\n\n")
	b.WriteString(sizesTable(d.sizes))

	notes := append(d.failures(), d.notes...)
	if len(notes) > 0 {
		b.WriteString("\n")
		for _, n := range notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	return b.String()
}

// failures are the loads that gave no sample, and those whose probe timed
// out, one note per scenario and banner.
func (d *document) failures() []string {
	var notes []string
	for _, sc := range d.picked {
		names := make([]string, 0, len(d.res.failed[sc.id]))
		for name := range d.res.failed[sc.id] {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			errs := d.res.failed[sc.id][name]
			notes = append(notes, fmt.Sprintf("**%s, %s: %d load(s) failed** (left out of the medians), e.g.: %s", sc.id, name, len(errs), errs[0]))
		}
		for _, name := range []string{"ours", "reference"} {
			k := 0
			for _, s := range d.res.samples[sc.id][name] {
				if s.probe.TimedOut {
					k++
				}
			}
			if k > 0 {
				notes = append(notes, fmt.Sprintf("**%s, %s: %d load(s) timed out** before settling: their missing times are left out of the medians", sc.id, name, k))
			}
		}
	}
	return notes
}

// wasmNote says whether our wasm came over the wire in the loads that do
// not open the panel: the loader fetches it only on the way to the panel,
// so it must not, and a table without a wasm row (CPU 4x) would not show it.
func (d *document) wasmNote() string {
	with, loads := 0, 0
	for _, sc := range d.picked {
		if sc.spec.openPanel {
			continue
		}
		for _, s := range d.res.samples[sc.id]["ours"] {
			loads++
			if s.bytes[assetWasm] > 0 {
				with++
			}
		}
	}
	const where = "the loader fetches it only once the preferences panel is open (its prerendered copy on screen), never in the background; its download, compilation and start are in the panel scenarios"
	switch {
	case loads == 0:
		return "ours: " + where + "."
	case with == 0:
		return "ours: the wasm came over the wire in none of the loads that do not open the panel: " + where + "."
	default:
		return fmt.Sprintf("**ours: the wasm came over the wire in %d of the %d loads that do not open the panel** (%s), so their figures include it.", with, loads, where)
	}
}
