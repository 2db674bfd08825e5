//go:build !js

package main

import (
	"bufio"
	"context"
	"debug/elf"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shippedBinary is the dist/cookie-consent that ./build.sh build made; the
// tests below check what an integrator downloads, so they need the real one
// (./build.sh test sets CONSENT_DIST).
func shippedBinary(t *testing.T) string {
	t.Helper()
	dist := os.Getenv("CONSENT_DIST")
	if dist == "" {
		t.Skip("CONSENT_DIST not set (./build.sh test sets it)")
	}
	bin, err := filepath.Abs(filepath.Join(dist, "cookie-consent"))
	require.NoError(t, err)
	require.FileExists(t, bin, "./build.sh build writes dist/cookie-consent")
	return bin
}

// The binary is static: no program interpreter (ld.so) and no shared
// library, so it runs in a scratch or Alpine image as it runs here.
func TestShippedBinaryIsStatic(t *testing.T) {
	f, err := elf.Open(shippedBinary(t))
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		assert.NotEqual(t, elf.PT_INTERP, p.Type, "a dynamically linked binary names its loader")
		assert.NotEqual(t, elf.PT_DYNAMIC, p.Type, "a static binary has no dynamic section")
	}
	libs, err := f.ImportedLibraries()
	require.NoError(t, err)
	assert.Empty(t, libs)
}

// Started with no flag from an empty directory (no dist/ beside it), it
// serves the demo page, the loader, the wasm in every coding and the theme
// from what it carries.
func TestShippedBinaryRunsFromAnEmptyDirectory(t *testing.T) {
	bin := shippedBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0")
	cmd.Dir = t.TempDir()
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr syncBuffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	defer func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }()
	sc := bufio.NewScanner(stdout)
	require.True(t, sc.Scan(), "no output; stderr: %s", stderr.String())
	m := listeningLine.FindStringSubmatch(sc.Text())
	require.NotNil(t, m, "first line %q; stderr: %s", sc.Text(), stderr.String())
	base := m[1]

	get := func(path, encoding string) (*http.Response, string) {
		req, err := http.NewRequest("GET", base+strings.TrimPrefix(path, "/"), nil)
		require.NoError(t, err)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		resp, err := http.DefaultTransport.RoundTrip(req) // no transparent gzip
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode, path)
		return resp, string(b)
	}
	_, page := get("/", "")
	assert.Contains(t, page, `<script src="/consent.js"`, "the demo page")
	_, js := get("/consent.js", "")
	wasm := regexp.MustCompile(`consent\.[0-9a-f]{12}\.wasm`).FindString(js)
	require.NotEmpty(t, wasm, "the loader names the content-addressed wasm")
	for _, coding := range []string{"br", "gzip", ""} {
		resp, _ := get("/"+wasm, coding)
		assert.Equal(t, coding, resp.Header.Get("Content-Encoding"), "the wasm %q is carried too", coding)
	}
	_, css := get("/theme.css", "")
	assert.Contains(t, css, "--cc-")
	assert.NotContains(t, stderr.String(), "not found", "every precompressed form is embedded")
}

// -version says which build runs.
func TestShippedBinaryVersion(t *testing.T) {
	out, err := exec.Command(shippedBinary(t), "-version").Output()
	require.NoError(t, err)
	assert.Regexp(t, `^cookie-consent [0-9]+\.[0-9]+\.[0-9]+\S* \(commit [0-9a-f]{12}(-modified)?, go1\.[0-9.]+\)\n$`, string(out))
}
