//go:build !js

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/bundle/bundletest"
)

// runLines runs the program and returns its stdout lines once it has
// printed want of them, and its exit code's channel.
func runLines(t *testing.T, ctx context.Context, args []string, want int) ([]string, <-chan int, *syncBuffer) {
	t.Helper()
	pr, pw := io.Pipe()
	stderr := &syncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, args, pw, stderr)
		pw.Close()
	}()
	got := make(chan []string, 1)
	go func() {
		var lines []string
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if lines = append(lines, sc.Text()); len(lines) == want {
				got <- lines
			}
		}
		if len(lines) < want {
			got <- lines
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case lines := <-got:
		return lines, code, stderr
	case <-time.After(20 * time.Second):
		t.Fatalf("fewer than %d lines; stderr: %s", want, stderr.String())
	}
	return nil, nil, nil
}

// effectiveConfig reads /config.json.
func effectiveConfig(t *testing.T, url string) *config.Config {
	t.Helper()
	resp, err := http.Get(url + "config.json")
	require.NoError(t, err)
	defer resp.Body.Close()
	var c config.Config
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&c))
	return &c
}

// TestDemoRecordsAndPrintsTheOperatorPages: ./build.sh serve passes -demo:
// the built-in configuration records, into DIR/proof.db, and the operator
// pages' address is printed with a token made for this run, which logs in.
func TestDemoRecordsAndPrintsTheOperatorPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".demo")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lines, exit, stderr := runLines(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", bundletest.WriteDist(t, bundletest.Files()), "-demo", dir}, 4)
	require.Len(t, lines, 4, "stderr: %s", stderr.String())
	url := strings.TrimPrefix(lines[0], "listening on ")
	assert.Equal(t, "demo: the demo page's choices are recorded in "+filepath.Join(dir, "proof.db"), lines[1])
	assert.Equal(t, "demo: operator pages: "+url+"operator/login", lines[2])
	token, err := os.ReadFile(filepath.Join(dir, "operator-token"))
	require.NoError(t, err)
	tok := strings.TrimSpace(string(token))
	assert.GreaterOrEqual(t, len(tok), 32)
	assert.Equal(t, "demo: operator token (made for this run, also in "+filepath.Join(dir, "operator-token")+"): "+tok, lines[3])
	info, err := os.Stat(filepath.Join(dir, "operator-token"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "only the user reads the token")
	_, err = os.Stat(filepath.Join(dir, "proof.db"))
	assert.NoError(t, err, "the SQLite file is made")

	assert.True(t, effectiveConfig(t, url).Proof.Enabled, "the demo page's loader records")
	req, err := http.NewRequest(http.MethodGet, url+"operator/", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the printed token opens the operator pages")
	cancel()
	assert.Equal(t, 0, <-exit)
}

// TestOwnConfigurationKeepsRecordingOff: the binary started with a site's
// own configuration records nothing unless that configuration enables
// proof, with -demo or not; without -demo or -proof-db nothing of the
// proof of consent is served at all.
func TestOwnConfigurationKeepsRecordingOff(t *testing.T) {
	dist := bundletest.WriteDist(t, bundletest.Files())
	site := filepath.Join(t.TempDir(), "site.json")
	require.NoError(t, os.WriteFile(site, config.DefaultJSON(), 0o644))

	t.Run("own configuration, no flag", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		lines, exit, _ := runLines(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", dist, "-config", site}, 1)
		url := strings.TrimPrefix(lines[0], "listening on ")
		assert.False(t, effectiveConfig(t, url).Proof.Enabled)
		resp, err := http.Get(url + "operator/")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, "no operator pages")
		cancel()
		assert.Equal(t, 0, <-exit)
	})
	t.Run("own configuration with -demo", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		demo := filepath.Join(t.TempDir(), ".demo")
		lines, exit, stderr := runLines(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", dist, "-config", site, "-demo", demo}, 1)
		url := strings.TrimPrefix(lines[0], "listening on ")
		assert.False(t, effectiveConfig(t, url).Proof.Enabled, "the site's file does not enable proof: its loader sends nothing")
		assert.NotContains(t, stderr.String(), "proof of consent: recording")
		_, err := os.Stat(demo)
		assert.True(t, os.IsNotExist(err), "no database, no token")
		resp, err := http.Get(url + "operator/")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, "no operator pages")
		cancel()
		assert.Equal(t, 0, <-exit)
	})
	t.Run("own configuration enabling proof, with -demo", func(t *testing.T) {
		var file map[string]any
		require.NoError(t, json.Unmarshal(config.DefaultJSON(), &file))
		file["proof"] = map[string]any{"enabled": true}
		data, err := json.Marshal(file)
		require.NoError(t, err)
		recording := filepath.Join(t.TempDir(), "site.json")
		require.NoError(t, os.WriteFile(recording, data, 0o644))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		lines, exit, stderr := runLines(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", dist, "-config", recording, "-demo", t.TempDir()}, 4)
		require.Len(t, lines, 4, "stderr: %s", stderr.String())
		assert.True(t, effectiveConfig(t, strings.TrimPrefix(lines[0], "listening on ")).Proof.Enabled)
		assert.Contains(t, lines[2], "demo: operator pages: ")
		cancel()
		assert.Equal(t, 0, <-exit)
	})
	t.Run("built-in configuration without -demo", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		lines, exit, _ := runLines(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", dist}, 1)
		assert.False(t, effectiveConfig(t, strings.TrimPrefix(lines[0], "listening on ")).Proof.Enabled)
		cancel()
		assert.Equal(t, 0, <-exit)
	})
}
