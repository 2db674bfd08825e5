//go:build !js

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
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
	"github.com/opendata-portals/cookie-consent/proof"
)

func parseProofFlags(t *testing.T, args ...string) *proofFlags {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	pf := addProofFlags(fs)
	require.NoError(t, fs.Parse(args))
	return pf
}

func noEnv(string) string { return "" }

func TestProofSettings(t *testing.T) {
	enabled := config.Default()
	enabled.Proof.Enabled = true
	long := config.Default()
	long.LifetimeDays = 395
	tests := []struct {
		name    string
		cfg     *config.Config
		args    []string
		env     string
		off     bool
		err     string
		note    string
		origins []string
	}{
		{name: "off", cfg: config.Default(), off: true},
		{name: "config enables, no database", cfg: enabled, err: "proof.enabled) but -proof-db is not set"},
		{name: "token without database", cfg: config.Default(), args: []string{"-operator-token", testToken}, off: true, note: "do nothing without -proof-db"},
		{name: "sqlite", cfg: enabled, args: []string{"-proof-db", "p.db"}, note: "recording into the SQLite file p.db, kept 24 months"},
		{name: "postgres URL never printed", cfg: enabled, args: []string{"-proof-db", "postgres://u:secret@db/x"}, note: "recording into a PostgreSQL database, kept 24 months"},
		{name: "forever", cfg: enabled, args: []string{"-proof-db", "p.db", "-proof-retention-months", "0"}, note: "kept forever"},
		{name: "config does not enable", cfg: config.Default(), args: []string{"-proof-db", "p.db"}, note: "the loader sends no choice"},
		{name: "no token", cfg: enabled, args: []string{"-proof-db", "p.db"}, note: "no operator token"},
		{name: "negative retention", cfg: enabled, args: []string{"-proof-db", "p.db", "-proof-retention-months", "-1"}, err: "negative"},
		{name: "retention shorter than a choice", cfg: long, args: []string{"-proof-db", "p.db", "-proof-retention-months", "12"}, err: "shorter than a choice lasts"},
		{name: "negative rate", cfg: enabled, args: []string{"-proof-db", "p.db", "-proof-rate", "-5"}, err: "-proof-rate"},
		{name: "short token", cfg: enabled, args: []string{"-proof-db", "p.db", "-operator-token", "secret"}, err: "at least 16"},
		{name: "short token from env", cfg: enabled, args: []string{"-proof-db", "p.db"}, env: "secret", err: "at least 16"},
		{name: "bad origin", cfg: enabled, args: []string{"-proof-db", "p.db", "-allowed-origins", "https://a.example, data.example.org"}, err: `"data.example.org" is not an origin`},
		{name: "origins", cfg: enabled, args: []string{"-proof-db", "p.db", "-allowed-origins", " https://a.example/, http://localhost:8000,,"},
			origins: []string{"https://a.example", "http://localhost:8000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := func(k string) string {
				if k == operatorTokenEnv {
					return tt.env
				}
				return ""
			}
			s, notes, err := parseProofFlags(t, tt.args...).settings(tt.cfg, env)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				assert.NotContains(t, err.Error(), "secret", "a token is never repeated")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.off, s == nil)
			if tt.note != "" {
				assert.Contains(t, strings.Join(notes, "\n"), tt.note)
			}
			for _, n := range notes {
				assert.NotContains(t, n, "secret")
			}
			if tt.origins != nil {
				assert.Equal(t, tt.origins, s.origins)
			}
		})
	}
}

func TestProofTokenFromTheEnvironment(t *testing.T) {
	s, _, err := parseProofFlags(t, "-proof-db", "p.db").settings(config.Default(), func(k string) string {
		if k == operatorTokenEnv {
			return testToken
		}
		return ""
	})
	require.NoError(t, err)
	assert.Equal(t, testToken, s.token)
	s, _, err = parseProofFlags(t, "-proof-db", "p.db", "-operator-token", testToken+"-flag").settings(config.Default(), func(string) string { return testToken })
	require.NoError(t, err)
	assert.Equal(t, testToken+"-flag", s.token, "the flag wins")
}

func TestLoaderGetsTheTextsHashes(t *testing.T) {
	loader := []byte(`var PROOF = __CONSENT_PROOF__; var CONFIG = __CONSENT_CONFIG__; var F = __CONSENT_PRERENDER__; var W = "__CONSENT_WASM_URL__";`)
	off, err := newAssets(loader, fixtureWasm, nil, nil, fixtureTheme, config.Default())
	require.NoError(t, err)
	assert.Contains(t, string(off.loader.reps[0].body), "var PROOF = null;")

	cfg := config.Default()
	cfg.Proof.Enabled = true
	cfg.Texts["fr"] = func() config.Texts { t := cfg.Texts["fr"]; t.BlockedContent = "__CONSENT_PROOF__"; return t }()
	on, err := newAssets(loader, fixtureWasm, nil, nil, fixtureTheme, cfg)
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

// The whole program with a proof database: it records, and a configuration
// enabling proof without a database stops it before it listens.
func TestRunWithProofDatabase(t *testing.T) {
	files := fullDist(t)
	files["consent.js"] = append([]byte("var PROOF = __CONSENT_PROOF__;\n"), fixtureLoader...)
	dir := writeDist(t, files)
	cfgFile := filepath.Join(t.TempDir(), "site.json")
	cfg := config.Default()
	cfg.Proof.Enabled = true
	data, err := json.Marshal(cfg)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(cfgFile, data, 0o644))

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-dist", dir, "-config", cfgFile}, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "-proof-db is not set")

	dbFile := filepath.Join(t.TempDir(), "proof.db")
	t.Setenv(operatorTokenEnv, testToken)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, exit, log := startRun(t, ctx, []string{"-addr", "127.0.0.1:0", "-dist", dir, "-config", cfgFile, "-proof-db", dbFile})
	assert.Contains(t, log.String(), "recording into the SQLite file "+dbFile)
	assert.NotContains(t, log.String(), testToken)

	resp, err := http.Get(url + "consent.js")
	require.NoError(t, err)
	js := string(body(t, resp))
	assert.Contains(t, js, proof.TextsHashes(cfg)["fr"], "the loader has the texts hashes")

	host := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	b := strings.Replace(choiceBody(cfg, "run-with-proof-00000000", time.Now().Unix(), refused), testOrigin, "http://"+host, 1)
	req, err := http.NewRequest("POST", url+"api/consents", strings.NewReader(b))
	require.NoError(t, err)
	req.Header.Set("Origin", "http://"+host)
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)

	cancel()
	require.Equal(t, 0, <-exit)

	// The record is in the file after a clean shutdown.
	s, err := proof.Open(context.Background(), dbFile)
	require.NoError(t, err)
	defer s.Close()
	got, err := s.ByID(context.Background(), "run-with-proof-00000000")
	require.NoError(t, err)
	assert.Len(t, got, 1)
}
