//go:build !js

package main

import (
	"bytes"
	"io"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSmoke runs the benchmark once, on the quick scenarios, against the
// built dist/ (./build.sh test sets CONSENT_DIST): the banner changes, and
// the benchmark must keep finding it, seeing it show, clicking it and
// seeing its preferences panel open. It
// checks that every load measured what it should, not how fast: the full
// run (./build.sh bench) is too slow for every test run.
func TestSmoke(t *testing.T) {
	dist := os.Getenv("CONSENT_DIST")
	if dist == "" || testing.Short() {
		t.Skip("runs with CONSENT_DIST set to a built dist/ (./build.sh test)")
	}
	var log bytes.Buffer
	doc, err := run([]string{"-n", "1", "-scenarios", "cold,return,click,panel", "-dist", dist,
		"-demo", "../../web/demo", "-ref", "../../node_modules/vanilla-cookieconsent"}, io.Discard, &log)
	require.NoError(t, err, log.String())
	t.Log(log.String())

	assert.Empty(t, doc.res.failed, "no load failed")
	for _, id := range []string{"cold", "return", "click", "panel"} {
		for _, name := range []string{"ours", "reference"} {
			samples := doc.res.samples[id][name]
			require.Len(t, samples, 1, "%s %s", id, name)
			s := samples[0]
			assert.False(t, s.probe.TimedOut, "%s %s: the load settled", id, name)
			switch id {
			case "cold":
				assert.NotNil(t, s.probe.Visible, "%s %s: the banner showed", id, name)
				assert.NotNil(t, s.probe.Clickable, "%s %s: the banner was clickable", id, name)
				assert.NotNil(t, s.probe.Interactive, "%s %s: the banner was interactive", id, name)
				assert.Positive(t, sumBytes(s.bytes, bannerKinds...), "%s %s: its files came over the wire", id, name)
				assert.Positive(t, s.taskMs, "%s %s: main-thread time was measured", id, name)
			case "return":
				assert.NotNil(t, s.probe.ChoiceKnown, "%s %s: the stored choice was known", id, name)
				assert.False(t, s.probe.ShownEver, "%s %s: no banner for a returning visitor", id, name)
			case "click":
				assert.True(t, s.clicked, "%s %s: the button was clicked", id, name)
				assert.True(t, s.refused, "%s %s: one click stored the refusal", id, name)
			case "panel":
				assert.True(t, s.clicked, "%s %s: the button was clicked", id, name)
				assert.Positive(t, clickToPanel(s), "%s %s: the panel showed after the click", id, name)
				assert.False(t, math.IsNaN(s.panelTaskMs), "%s %s: main-thread time to the panel was measured", id, name)
				if name == "ours" {
					assert.NotNil(t, s.probe.Live, "%s %s: the wasm went live", id, name)
					assert.Positive(t, s.probe.WasmMemory, "%s %s: the wasm's memory was seen", id, name)
				}
			}
		}
	}
}
