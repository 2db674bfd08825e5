//go:build !js

package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMedian(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct {
		name string
		in   []float64
		want float64
	}{
		{"odd count", []float64{300, 100, 200}, 200},
		{"even count is the mean of the middle two", []float64{4, 1, 3, 2}, 2.5},
		{"one value", []float64{7}, 7},
		{"missing values are skipped", []float64{nan, 10, nan, 30, 20}, 20},
		{"an outlier does not move it", []float64{100, 101, 99, 5000, 100}, 100},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, median(tt.in))
		})
	}
	assert.True(t, math.IsNaN(median(nil)), "no values: missing")
	assert.True(t, math.IsNaN(median([]float64{nan, nan})), "only missing values: missing")
}

func TestMedianLeavesItsInputAlone(t *testing.T) {
	in := []float64{3, 1, 2}
	median(in)
	assert.Equal(t, []float64{3, 1, 2}, in)
}

func TestRatio(t *testing.T) {
	assert.Equal(t, 2.0, ratio(500, 250))
	assert.Equal(t, 0.5, ratio(125, 250))
	assert.True(t, math.IsNaN(ratio(1, 0)), "a zero reference has no ratio")
	assert.True(t, math.IsNaN(ratio(math.NaN(), 1)))
	assert.True(t, math.IsNaN(ratio(1, math.NaN())))
}

func TestTasksBetween(t *testing.T) {
	tasks := [][2]float64{{90, 200}, {100, 60}, {150, 300}, {400, 80}}
	for _, tt := range []struct {
		name     string
		from, to float64
		want     [][2]float64
	}{
		{"those that start inside, even if they end after", 100, 400, [][2]float64{{100, 60}, {150, 300}}},
		{"one that started before is the page's, not the interval's", 95, 140, [][2]float64{{100, 60}}},
		{"an empty interval has none", 200, 200, nil},
		{"none inside", 500, 900, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tasksBetween(tasks, tt.from, tt.to))
		})
	}
}

func TestTotalBlockingTime(t *testing.T) {
	for _, tt := range []struct {
		name  string
		tasks [][2]float64
		want  float64
	}{
		{"no long task", nil, 0},
		{"exactly 50 ms blocks nothing", [][2]float64{{10, 50}}, 0},
		{"the part beyond 50 ms counts", [][2]float64{{10, 80}}, 30},
		{"tasks add up", [][2]float64{{10, 80}, {200, 250}, {600, 51}}, 30 + 200 + 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, totalBlockingTime(tt.tasks), 1e-9)
		})
	}
}

func TestClassify(t *testing.T) {
	for _, tt := range []struct {
		url, typ string
		want     assetKind
	}{
		{"http://127.0.0.1:1234/", "Document", assetHTML},
		{"http://127.0.0.1:1234/?q=x", "Document", assetHTML},
		{"http://127.0.0.1:1234/consent.js", "Script", assetJS},
		{"http://127.0.0.1:1234/consent.0123456789ab.wasm", "Fetch", assetWasm},
		{"http://127.0.0.1:1234/cookieconsent.css", "Stylesheet", assetCSS},
		{"http://127.0.0.1:1234/cookieconsent.umd.js?v=3", "Script", assetJS},
		{"http://127.0.0.1:1234/demo/favicon.svg", "Other", assetOther},
		{"http://127.0.0.1:1234/config.json", "Fetch", assetJSON},
		{"http://127.0.0.1:1234/api/consents", "Fetch", assetJSON},
	} {
		t.Run(tt.url, func(t *testing.T) {
			assert.Equal(t, tt.want, classify(tt.url, tt.typ))
		})
	}
}

func TestSumBytes(t *testing.T) {
	b := map[assetKind]float64{assetJS: 100, assetCSS: 20, assetWasm: 3000, assetHTML: 5}
	assert.Equal(t, 3120.0, sumBytes(b, bannerKinds...))
	assert.Equal(t, 0.0, sumBytes(b, assetOther))
}
