//go:build !js

package main

import (
	"math"
	"net/url"
	"path"
	"sort"
	"strings"
)

// missing marks a value a load did not produce (a banner that never showed,
// a metric the browser did not give). Medians skip it.
var missing = math.NaN()

// median is the middle of the values that are not missing (the mean of the
// two middle ones for an even count), or missing when there are none. The
// median, not the mean: one load slowed by another process on the machine
// must not move the result.
func median(values []float64) float64 {
	var v []float64
	for _, x := range values {
		if !math.IsNaN(x) {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return missing
	}
	sort.Float64s(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// ratio is ours/reference, or missing when either is missing or the
// reference is zero.
func ratio(ours, ref float64) float64 {
	if math.IsNaN(ours) || math.IsNaN(ref) || ref == 0 {
		return missing
	}
	return ours / ref
}

// longTaskThreshold is the duration above which a main-thread task blocks
// input, as in Lighthouse's total blocking time.
const longTaskThreshold = 50.0

// totalBlockingTime is the sum, over the long tasks ([start, duration] in
// ms), of the part of each beyond 50 ms: how long input would have waited.
// Lighthouse counts between first contentful paint and time to interactive;
// we count every long task from navigation start until the load settled,
// which is stricter and needs no heuristic for "interactive".
func totalBlockingTime(tasks [][2]float64) float64 {
	total := 0.0
	for _, t := range tasks {
		if d := t[1] - longTaskThreshold; d > 0 {
			total += d
		}
	}
	return total
}

// tasksBetween are the tasks ([start, duration] in ms) that started in
// [from, to): those of an interval, such as from a click to what it shows.
func tasksBetween(tasks [][2]float64, from, to float64) [][2]float64 {
	var in [][2]float64
	for _, t := range tasks {
		if t[0] >= from && t[0] < to {
			in = append(in, t)
		}
	}
	return in
}

// assetKind groups what a page loads, for bytes on the wire.
type assetKind string

const (
	assetHTML  assetKind = "HTML"
	assetJS    assetKind = "JS"
	assetCSS   assetKind = "CSS"
	assetWasm  assetKind = "wasm"
	assetJSON  assetKind = "JSON" // our whole configuration, the proof of consent's answers
	assetOther assetKind = "other"
)

// assetKinds is the order of the kinds in the report.
var assetKinds = []assetKind{assetHTML, assetJS, assetCSS, assetWasm, assetJSON, assetOther}

// classify puts a request in its group by its URL's path, or by the
// resource type the browser gave it ("Document") for paths without an
// extension. The banner's files are JS, CSS and wasm; the page is HTML.
func classify(rawURL, resourceType string) assetKind {
	p := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		p = u.Path
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".wasm":
		return assetWasm
	case ".js", ".mjs":
		return assetJS
	case ".css":
		return assetCSS
	case ".html", ".htm":
		return assetHTML
	case ".json":
		return assetJSON
	}
	if strings.Contains(p, "/api/") {
		return assetJSON
	}
	if resourceType == "Document" {
		return assetHTML
	}
	return assetOther
}
