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
	assert.Contains(t, labelsOf(metricsFor(scenarios[0])), metricBannerBytes.label, "the cold first visit reports bytes")
	assert.NotContains(t, labelsOf(metricsFor(scenarios[1])), metricBannerBytes.label, "the throttled one does not repeat them")
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
