package bundle

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/bundle/bundletest"
)

// testDemo is the real demo portal's directory.
var testDemo = os.DirFS("../../web/demo")

// fixtures is build.sh's output as bundletest's fixtures.
func fixtures() built {
	return built{loader: bundletest.Loader, start: bundletest.Start, wasm: bundletest.Wasm, wasmBr: bundletest.Br, wasmGz: bundletest.Gz(), theme: bundletest.Theme}
}

// newTestAssets builds assets from the fixtures and the default configuration.
func newTestAssets(t testing.TB) *Assets {
	t.Helper()
	a, err := newAssets(fixtures(), testDemo, config.Default())
	require.NoError(t, err)
	return a
}

func gunzip(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	out, err := io.ReadAll(zr)
	require.NoError(t, err)
	return out
}

func TestAssembleLoaderFillsPlaceholders(t *testing.T) {
	a := newTestAssets(t)
	cfgJSON, err := json.Marshal(config.Default())
	require.NoError(t, err)

	loader := string(a.loader.reps[0].body)
	assert.Equal(t, bundletest.WasmName(), a.wasmName)
	assert.Contains(t, loader, `new URL("`+bundletest.WasmName()+`", `)
	sum := sha256.Sum256(cfgJSON)
	assert.Equal(t, "config."+hex.EncodeToString(sum[:])[:12]+".json", a.configName, "the whole configuration, content-addressed")
	assert.Equal(t, cfgJSON, a.configFull.reps[0].body)
	loaderCfg, err := json.Marshal(newLoaderConfig(config.Default(), a.configName))
	require.NoError(t, err)
	assert.Contains(t, loader, "var CONFIG = "+string(loaderCfg)+";", "the loader's part of it")
	assert.NotContains(t, loader, "__CONSENT_WASM_URL__")
	assert.NotContains(t, loader, "__CONSENT_START_URL__")
	assert.NotContains(t, loader, "__CONSENT_CONFIG__")
	assert.NotContains(t, loader, "__CONSENT_PRERENDER__")
	assert.NotContains(t, loader, "__CONSENT_PANEL__")
	assert.Contains(t, loader, `var FIRST_LAYER = {"html":{"en":{"bar":"\u003cdiv `, "the first layer, prerendered per language and layout")
	assert.Contains(t, loader, `Tout refuser`)
	assert.Regexp(t, `var PANEL = \{"(en|fr)":"\\u003cdiv [^"]*`, loader, "the panel, prerendered per language")
	assert.Contains(t, loader, `Enregistrer mes choix`)
}

// testURLs are content-addressed names for assembleLoader.
var testURLs = urls{wasm: "consent.0123456789ab.wasm", start: "start.0123456789ab.js"}

func TestAssembleLoaderEscapesConfigForScripts(t *testing.T) {
	// A text that would end the <script> or break a JS string if it were
	// inserted raw; json.Marshal must escape it.
	cfg := config.Default()
	cfg.CookieDomain = "</script><script>alert(1)</script>\u2028"
	cfgJSON, err := json.Marshal(cfg)
	require.NoError(t, err)
	out, err := assembleLoader(bundletest.Loader, testURLs, cfgJSON, []byte(`{}`), []byte(`{}`))
	require.NoError(t, err)
	assert.NotContains(t, string(out), "</script>")
	assert.NotContains(t, string(out), "\u2028")
}

func TestAssembleLoaderRejectsBadLoaders(t *testing.T) {
	tests := []struct {
		name, loader, wantErr string
	}{
		{"no wasm placeholder", `var x = "__CONSENT_START_URL__"; var c = __CONSENT_CONFIG__; var f = __CONSENT_PRERENDER__; var p = __CONSENT_PANEL__;`, "__CONSENT_WASM_URL__"},
		{"no start placeholder", `var u = "__CONSENT_WASM_URL__"; var c = __CONSENT_CONFIG__; var f = __CONSENT_PRERENDER__; var p = __CONSENT_PANEL__;`, "__CONSENT_START_URL__"},
		{"no config placeholder", `var u = "__CONSENT_WASM_URL__"; var x = "__CONSENT_START_URL__"; var f = __CONSENT_PRERENDER__; var p = __CONSENT_PANEL__;`, "__CONSENT_CONFIG__"},
		{"no prerender placeholder", `var u = "__CONSENT_WASM_URL__"; var x = "__CONSENT_START_URL__"; var c = __CONSENT_CONFIG__; var p = __CONSENT_PANEL__;`, "__CONSENT_PRERENDER__"},
		{"no panel placeholder", `var u = "__CONSENT_WASM_URL__"; var x = "__CONSENT_START_URL__"; var c = __CONSENT_CONFIG__; var f = __CONSENT_PRERENDER__;`, "__CONSENT_PANEL__"},
		{"unquoted wasm placeholder", `var u = "__CONSENT_WASM_URL__" + __CONSENT_WASM_URL__; var x = "__CONSENT_START_URL__"; var c = __CONSENT_CONFIG__;`, "quoted"},
		{"unquoted start placeholder", `var u = "__CONSENT_WASM_URL__"; var x = __CONSENT_START_URL__; var c = __CONSENT_CONFIG__;`, "__CONSENT_START_URL__"},
		{"empty file", ``, "placeholder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := assembleLoader([]byte(tt.loader), testURLs, []byte(`{}`), []byte(`{}`), []byte(`{}`))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestNewAssetsRejectsBadInputs(t *testing.T) {
	otherGz := gzipBytes(append([]byte("\x00asm"), []byte("an older build")...))
	tests := []struct {
		name    string
		wasm    []byte
		gz      []byte
		br      []byte
		cfg     *config.Config
		wantErr string
	}{
		{"not wasm", []byte("<html>404</html>"), nil, nil, config.Default(), "not a WebAssembly binary"},
		{"stale gzip", bundletest.Wasm, otherGz, nil, config.Default(), "consent.wasm.gz"},
		{"gzip not gzip", bundletest.Wasm, []byte("plain"), nil, config.Default(), "not gzip"},
		{"empty brotli", bundletest.Wasm, nil, []byte{}, config.Default(), "consent.wasm.br is empty"},
		{"no config", bundletest.Wasm, nil, nil, nil, "no configuration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := fixtures()
			b.wasm, b.wasmBr, b.wasmGz = tt.wasm, tt.br, tt.gz
			_, err := newAssets(b, testDemo, tt.cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestNewAssetsRejectsAWasmExecThatIsNoModule(t *testing.T) {
	b := fixtures()
	b.start = []byte(`(() => { globalThis.Go = class {}; })();`) // Go's own file, as an older build left it
	_, err := newAssets(b, testDemo, config.Default())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "start.js")
	assert.Contains(t, err.Error(), "build.sh")
}

func TestLoaderNamesTheStartModuleItServes(t *testing.T) {
	a := newTestAssets(t)
	assert.Equal(t, bundletest.StartName(), a.startName)
	assert.Contains(t, string(a.loader.reps[0].body), `new URL("`+bundletest.StartName()+`"`)
}

func TestNewAssetsWithoutPrecompressedWasm(t *testing.T) {
	b := fixtures()
	b.wasmBr, b.wasmGz = nil, nil
	a, err := newAssets(b, testDemo, config.Default())
	require.NoError(t, err)
	codings := map[string][]byte{}
	for _, r := range a.wasm.reps {
		codings[r.coding] = r.body
	}
	assert.NotContains(t, codings, "br", "no brotli without consent.wasm.br")
	require.Contains(t, codings, "gzip", "gzip is computed at start")
	assert.Equal(t, bundletest.Wasm, gunzip(t, codings["gzip"]))
}

func TestETagsDifferPerEncodingAndContent(t *testing.T) {
	a := newTestAssets(t)
	seen := map[string]bool{}
	for _, res := range []*resource{a.loader, a.wasm, a.theme, a.config, a.demoIndex} {
		for _, rep := range res.reps {
			assert.Regexp(t, `^"[0-9a-f]{32}(-gzip|-br)?"$`, rep.etag)
			assert.False(t, seen[rep.etag], "duplicate ETag %s", rep.etag)
			seen[rep.etag] = true
		}
	}
}

func TestDemoCSPHashesInlineScripts(t *testing.T) {
	page := []byte(`<script src="/consent.js" defer></script>
<script type="text/plain" data-category="statistics">console.log("statistics enabled")</script>`)
	sum := sha256.Sum256([]byte(`console.log("statistics enabled")`))
	want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"

	csp := demoCSP(page)
	assert.Contains(t, csp, want)
	assert.Contains(t, csp, "'wasm-unsafe-eval'")
	assert.NotContains(t, csp, "'unsafe-eval'", "only wasm compilation is allowed, not eval")
	assert.Contains(t, csp, "style-src 'self' 'unsafe-inline'")
	assert.Equal(t, 1, strings.Count(csp, "'sha256-"), "the empty loader tag adds no hash")
}

func TestLoadAssets(t *testing.T) {
	t.Run("complete dist", func(t *testing.T) {
		a, err := Load(bundletest.WriteDist(t, bundletest.Files()), testDemo, config.Default())
		require.NoError(t, err)
		assert.Equal(t, bundletest.WasmName(), a.wasmName)
		assert.Empty(t, a.Notes)
		assert.Len(t, a.wasm.reps, 3)
	})
	for _, optional := range []string{"consent.wasm.br", "consent.wasm.gz"} {
		t.Run("without "+optional, func(t *testing.T) {
			files := bundletest.Files()
			delete(files, optional)
			a, err := Load(bundletest.WriteDist(t, files), testDemo, config.Default())
			require.NoError(t, err)
			require.Len(t, a.Notes, 1)
			assert.Contains(t, a.Notes[0], optional)
		})
	}
	for _, required := range []string{"consent.js", "start.js", "consent.wasm", "theme.css"} {
		t.Run("without "+required, func(t *testing.T) {
			files := bundletest.Files()
			delete(files, required)
			dir := bundletest.WriteDist(t, files)
			_, err := Load(dir, testDemo, config.Default())
			require.Error(t, err)
			assert.Contains(t, err.Error(), filepath.Join(dir, required), "the error names the missing file")
			assert.Contains(t, err.Error(), "build.sh")
		})
	}
	t.Run("unreadable file", func(t *testing.T) {
		files := bundletest.Files()
		delete(files, "theme.css")
		dir := bundletest.WriteDist(t, files)
		require.NoError(t, os.Mkdir(filepath.Join(dir, "theme.css"), 0o755)) // a directory cannot be read as a file
		_, err := Load(dir, testDemo, config.Default())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "theme.css")
	})
	t.Run("missing directory", func(t *testing.T) {
		_, err := Load(filepath.Join(t.TempDir(), "nope"), testDemo, config.Default())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "consent.js")
	})
}

// TestLoadAssetsRealDist checks build.sh's real output when it is available
// (./build.sh test sets CONSENT_DIST): the placeholders are really there and
// the precompressed files match.
func TestLoadAssetsRealDist(t *testing.T) {
	dir := os.Getenv("CONSENT_DIST")
	if dir == "" {
		t.Skip("CONSENT_DIST not set (./build.sh test sets it)")
	}
	a, err := Load(dir, testDemo, config.Default())
	require.NoError(t, err)
	loader := string(a.loader.reps[0].body)
	assert.Contains(t, loader, `"`+a.wasmName+`"`)
	assert.NotContains(t, loader, "__CONSENT_")
}
