// Package bundletest gives tests a stand-in for build.sh's output, so that
// the server's tests need neither the wasm toolchain nor a real build.
package bundletest

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

// Fixtures standing in for build.sh's output: a loader with its
// placeholders, the start module the loader imports with the wasm, a
// "wasm" with the right magic and compressible padding, a fake brotli body
// (the server never decodes it, so any bytes prove which one was sent) and
// a theme.
var (
	Loader = []byte(`(function () {
  var CONFIG = __CONSENT_CONFIG__;
  var FIRST_LAYER = __CONSENT_PRERENDER__;
  var PANEL = __CONSENT_PANEL__;
  var WASM_URL = new URL("__CONSENT_WASM_URL__", document.currentScript.src).href;
  var START_URL = new URL("__CONSENT_START_URL__", document.currentScript.src).href;
})();
`)
	Start = []byte("export default function () { globalThis.Go = class {}; }\n")
	Wasm  = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("go-app banner "), 500)...)
	Br    = []byte("pretend brotli body")
	Theme = []byte(":host { --cc-bg: #fff; }\n")
)

// Gz is Wasm gzipped, as build.sh's consent.wasm.gz.
func Gz() []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	_, _ = zw.Write(Wasm)                                    // writes to a bytes.Buffer do not fail
	_ = zw.Close()
	return buf.Bytes()
}

// WasmName is Wasm's content-addressed name, computed independently of the
// code under test.
func WasmName() string {
	sum := sha256.Sum256(Wasm)
	return "consent." + hex.EncodeToString(sum[:])[:12] + ".wasm"
}

// StartName is Start's content-addressed name, computed independently
// of the code under test.
func StartName() string {
	sum := sha256.Sum256(Start)
	return "start." + hex.EncodeToString(sum[:])[:12] + ".js"
}

// Files is what build.sh writes, as fixtures.
func Files() map[string][]byte {
	return map[string][]byte{
		"consent.js":      Loader,
		"start.js":        Start,
		"consent.wasm":    Wasm,
		"consent.wasm.br": Br,
		"consent.wasm.gz": Gz(),
		"theme.css":       Theme,
	}
}

// WriteDist writes a dist directory holding files.
func WriteDist(t testing.TB, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
