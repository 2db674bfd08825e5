package bundle

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/proof"
)

func TestLoaderGetsTheTextsHashes(t *testing.T) {
	loader := []byte(`var PROOF = __CONSENT_PROOF__; var CONFIG = __CONSENT_CONFIG__; var F = __CONSENT_PRERENDER__; var P = __CONSENT_PANEL__; var W = "__CONSENT_WASM_URL__"; var X = "__CONSENT_START_URL__";`)
	b := fixtures()
	b.loader = loader
	off, err := newAssets(b, testDemo, config.Default())
	require.NoError(t, err)
	assert.Contains(t, string(off.loader.reps[0].body), "var PROOF = null;")

	cfg := config.Default()
	cfg.Proof.Enabled = true
	cfg.Texts["fr"] = func() config.Texts { t := cfg.Texts["fr"]; t.BlockedContent = "__CONSENT_PROOF__"; return t }()
	on, err := newAssets(b, testDemo, cfg)
	require.NoError(t, err)
	js := string(on.loader.reps[0].body)
	start := strings.Index(js, "var PROOF = ") + len("var PROOF = ")
	end := strings.Index(js[start:], ";")
	var got loaderProof
	require.NoError(t, json.Unmarshal([]byte(js[start:start+end]), &got))
	assert.Equal(t, proof.TextsHashes(cfg), got.Hashes)
	assert.Contains(t, js, `"blockedContent":"__CONSENT_PROOF__"`, "a configuration text holding the placeholder is left alone")
	assert.Equal(t, 1, strings.Count(js, `"hashes"`))
}
