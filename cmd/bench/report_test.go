//go:build !js

package main

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ms(v float64) *float64 { return &v }

func TestUnitFormat(t *testing.T) {
	for _, tt := range []struct {
		u    unit
		v    float64
		want string
	}{
		{unitMs, 247.6, "248 ms"},
		{unitKiB, 14643, "14.3 KiB"},
		{unitMiB, 6.5 * 1024 * 1024, "6.5 MiB"},
		{unitCount, 3, "3"},
		{unitCount, 2.5, "2.5"},
		{unitMs, math.NaN(), "—"},
	} {
		assert.Equal(t, tt.want, tt.u.format(tt.v))
	}
	assert.Equal(t, "1.24x", formatRatio(1.2449))
	assert.Equal(t, "—", formatRatio(math.NaN()))
	assert.Equal(t, "—", formatRatio(math.Inf(1)))
}

func TestTable(t *testing.T) {
	ours := []sample{
		{probe: probeMessage{Visible: ms(300)}, refused: true},
		{probe: probeMessage{Visible: ms(100)}, refused: true},
		{probe: probeMessage{Visible: ms(200)}, refused: false},
	}
	ref := []sample{
		{probe: probeMessage{Visible: ms(100)}, refused: true},
		{probe: probeMessage{Visible: nil}, refused: true}, // never visible: left out
	}
	got := table([]metric{metricVisible, metricRefused}, ours, ref)
	assert.Equal(t, strings.Join([]string{
		"| metric | ours | reference | ours/ref |",
		"|---|---:|---:|---:|",
		"| banner visible (starts to appear) | 200 ms | 100 ms | 2.00x |",
		"| refusal stored by that one click within 5 s | 2/3 | 2/2 | — |",
		"",
	}, "\n"), got)
}

func TestTableWithoutSamplesShowsDashes(t *testing.T) {
	got := table([]metric{metricVisible}, nil, nil)
	assert.Contains(t, got, "| banner visible (starts to appear) | — | — | — |")
}

func TestMetricsForEveryScenario(t *testing.T) {
	for _, sc := range scenarios {
		m := metricsFor(sc)
		require.NotEmpty(t, m, sc.id)
		labels := map[string]bool{}
		for _, x := range m {
			assert.False(t, labels[x.label], "%s: %q twice", sc.id, x.label)
			labels[x.label] = true
			assert.True(t, (x.value == nil) != (x.holds == nil), "%s: %q needs exactly one of value and holds", sc.id, x.label)
		}
	}
	assert.Contains(t, labelsOf(metricsFor(scenarios[0])), metricVisitBytes.label, "the cold first visit reports bytes")
	assert.NotContains(t, labelsOf(metricsFor(scenarios[1])), metricVisitBytes.label, "the throttled one does not repeat them")

	panel, err := pickScenarios("panel,panel-cpu4")
	require.NoError(t, err)
	assert.Contains(t, labelsOf(metricsFor(panel[0])), metricPanelOpened.label)
	assert.Contains(t, labelsOf(metricsFor(panel[0])), panelWireMetrics[0].label, "the panel's bytes, once")
	assert.NotContains(t, labelsOf(metricsFor(panel[1])), panelWireMetrics[0].label)
}

func TestPanelMetrics(t *testing.T) {
	opened := sample{
		probe: probeMessage{
			Click: ms(1000), PanelVisible: ms(1400), Live: ms(1300),
			SwitchClick: ms(1500), Toggled: ms(1516),
			LongTasks:    [][2]float64{{200, 120}, {1010, 90}, {1200, 150}, {1500, 70}},
			Interactions: [][2]float64{{1000, 300}, {1500, 24}, {1700, 120}, {1900, 40}},
		},
		panelTaskMs: 350,
	}
	never := sample{probe: probeMessage{Click: ms(1000), LongTasks: [][2]float64{{1010, 90}}}, panelTaskMs: missing}
	value := func(label string, s sample) float64 {
		for _, m := range panelMetrics {
			if m.label == label {
				return m.value(s)
			}
		}
		t.Fatalf("no metric %q", label)
		return 0
	}
	for _, tt := range []struct {
		label       string
		opened      float64
		neverOpened float64
	}{
		{"click → panel visible", 400, missing},
		{"click → wasm live (go-app has taken the panel over)", 300, missing},
		{"click on a switch → switch toggled on screen", 16, missing},
		{"interaction to next paint, clicks in the panel (the slowest)", 120, missing},
		{"main thread busy, click → panel", 350, missing},
		{"long tasks (> 50 ms), click → panel", 2, 0},
		{"total blocking time, click → panel", 40 + 100, 0},
	} {
		t.Run(tt.label, func(t *testing.T) {
			assert.Equal(t, tt.opened, value(tt.label, opened))
			if math.IsNaN(tt.neverOpened) {
				assert.True(t, math.IsNaN(value(tt.label, never)), "a panel that never showed has no time")
			} else {
				assert.Equal(t, tt.neverOpened, value(tt.label, never))
			}
		})
	}
	assert.True(t, metricPanelOpened.holds(opened))
	assert.False(t, metricPanelOpened.holds(never))
}

func labelsOf(m []metric) []string {
	var l []string
	for _, x := range m {
		l = append(l, x.label)
	}
	return l
}

func TestPickScenarios(t *testing.T) {
	all, err := pickScenarios("")
	require.NoError(t, err)
	assert.Len(t, all, len(scenarios))
	two, err := pickScenarios("return, cold")
	require.NoError(t, err)
	require.Len(t, two, 2)
	assert.Equal(t, "return", two[0].id)
	assert.Equal(t, "cold", two[1].id)
	_, err = pickScenarios("cold,warm")
	assert.ErrorContains(t, err, `unknown scenario "warm"`)
}

func TestReplaceBlock(t *testing.T) {
	doc := "# Title\n\n" + readmeBegin + "\nold table\n" + readmeEnd + "\n\nafter\n"
	got, err := replaceBlock(doc, readmeBegin, readmeEnd, "\nnew table\n\n")
	require.NoError(t, err)
	assert.Equal(t, "# Title\n\n"+readmeBegin+"\nnew table\n"+readmeEnd+"\n\nafter\n", got)

	again, err := replaceBlock(got, readmeBegin, readmeEnd, "new table")
	require.NoError(t, err)
	assert.Equal(t, got, again, "running twice changes nothing more")

	for _, bad := range []string{
		"no markers",
		readmeBegin + " only the beginning",
		readmeEnd + " reversed " + readmeBegin,
		readmeBegin + readmeBegin + readmeEnd,
	} {
		_, err := replaceBlock(bad, readmeBegin, readmeEnd, "x")
		assert.Error(t, err, bad)
	}
}

func TestGoalsTable(t *testing.T) {
	r := newResults()
	for _, v := range []float64{200, 220, 210} {
		r.add("cold", "ours", sample{probe: probeMessage{Visible: ms(v)}})
		r.add("cold", "reference", sample{probe: probeMessage{Visible: ms(250)}})
		r.add("cpu4", "ours", sample{probe: probeMessage{Visible: ms(900), LongTasks: [][2]float64{{0, 350}}}})
		r.add("cpu4", "reference", sample{probe: probeMessage{Visible: ms(750)}})
	}
	r.add("return", "ours", sample{bytes: map[assetKind]float64{assetHTML: 500}})
	r.add("return-nocache", "ours", sample{bytes: map[assetKind]float64{assetJS: 11000, assetWasm: 1400000}})
	r.add("click", "ours", sample{refused: true})
	r.fail("click", "ours", errors.New("the probe did not report"))
	got := goalsTable(r, sizes{wasmBrotli: 1400000})
	assert.Contains(t, got, "| First visit, banner visible, cold: ≤ 1.0x the reference | 0.84x (210 ms / 250 ms) | met |")
	assert.Contains(t, got, "| First visit, banner visible, CPU 4x: ≤ 1.0x the reference | 1.20x (900 ms / 750 ms) | missed |")
	assert.Contains(t, got, "| click 1/2 | missed |", "a failed load counts as a lost click")
	assert.Contains(t, got, "| return 0 B, return-nocache 1411000 B | missed |", "the page is not the banner's; an emptied cache counts")
	assert.Contains(t, got, "| Returning visitor: main thread busy ≤ 2x the reference | not measured | — |")
	assert.Contains(t, got, "| 1.40 MB (1400000 B) | met |")
	assert.Contains(t, got, "| First visit, CPU 4x: total blocking time ≤ 250 ms | 300 ms | missed |")
}

func TestWasmNote(t *testing.T) {
	wasm := sample{bytes: map[assetKind]float64{assetJS: 14000, assetWasm: 1490000}}
	noWasm := sample{bytes: map[assetKind]float64{assetJS: 14000}}
	for _, tt := range []struct {
		name    string
		picked  string
		samples map[string][]sample
		want    string
	}{
		{"none without the panel", "cold,cpu4,panel", map[string][]sample{"cold": {noWasm}, "cpu4": {noWasm}, "panel": {wasm}}, "came over the wire in none of the loads"},
		{"some", "cold,cpu4,panel", map[string][]sample{"cold": {noWasm}, "cpu4": {wasm}, "panel": {wasm}}, "in 1 of the 2 loads that do not open the panel"},
		{"only the panel measured", "panel", map[string][]sample{"panel": {wasm}}, "ours: the loader fetches it only once the preferences panel is open"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			picked, err := pickScenarios(tt.picked)
			require.NoError(t, err)
			r := newResults()
			for id, samples := range tt.samples {
				for _, s := range samples {
					r.add(id, "ours", s)
				}
			}
			doc := &document{picked: picked, res: r}
			assert.Contains(t, doc.wasmNote(), tt.want)
		})
	}
}
