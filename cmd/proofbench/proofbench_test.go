package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/proof/prooftest"
)

// serverBinary is the server the tests run: $CONSENT_DIST/cookie-consent when
// ./build.sh test has built it, else built here.
func serverBinary(t *testing.T) (bin, dist string) {
	t.Helper()
	if d := os.Getenv("CONSENT_DIST"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "cookie-consent")); err == nil {
			return filepath.Join(d, "cookie-consent"), d
		}
	}
	bin = filepath.Join(t.TempDir(), "cookie-consent")
	out, err := exec.Command("go", "build", "-o", bin, "../..").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin, ""
}

// databases are the -proof-db values to test: "sqlite", and the
// PostgreSQL URL when there is one (required in CI).
func databases(t *testing.T) []string {
	dbs := []string{"sqlite"}
	if _, ok := prooftest.Postgres(t); ok {
		dbs = append(dbs, os.Getenv(prooftest.PostgresEnv))
	}
	return dbs
}

// TestLoadShort is ./build.sh load in small: every choice is recorded and
// the report has its numbers.
func TestLoadShort(t *testing.T) {
	bin, dist := serverBinary(t)
	for _, db := range databases(t) {
		line, err := bench("load", bin, dist, db, loadOptions{requests: 400, concurrency: 8, duration: 20 * time.Second}, crashOptions{})
		require.NoError(t, err, line)
		t.Log(line)
		assert.Regexp(t, `^load (sqlite|postgres): 400 choices recorded \(0 failed\) by 400 requests in [0-9.]+ s: [0-9]+/s, latency p50 [0-9.]+ ms, p99 [0-9.]+ ms`, line)
	}
}

// TestCrashShort is ./build.sh crash in small: two SIGKILLs in the middle
// of a load, and every acknowledged choice survives, exactly once.
func TestCrashShort(t *testing.T) {
	bin, dist := serverBinary(t)
	for _, db := range databases(t) {
		line, err := bench("crash", bin, dist, db, loadOptions{}, crashOptions{rounds: 2, concurrency: 8, killAfter: 400 * time.Millisecond})
		require.NoError(t, err, line)
		t.Log(line)
		m := regexp.MustCompile(`(\d+) choices acknowledged`).FindStringSubmatch(line)
		require.NotNil(t, m, line)
		assert.NotEqual(t, "0", m[1])
	}
}

// TestClusterShort is ./build.sh cluster in small: two servers on one
// PostgreSQL database behind a round-robin proxy, one SIGKILLed under load
// and restarted; acknowledged choices, sessions and logouts all hold.
// PostgreSQL only (required in CI, left out locally without it).
func TestClusterShort(t *testing.T) {
	pg, ok := prooftest.Postgres(t)
	if !ok {
		t.Skip("several servers share a PostgreSQL database: set " + prooftest.PostgresEnv)
	}
	bin, dist := serverBinary(t)
	line, err := bench("cluster", bin, dist, pg, loadOptions{}, crashOptions{concurrency: 8, killAfter: 400 * time.Millisecond})
	require.NoError(t, err, line)
	t.Log(line)
	m := regexp.MustCompile(`(\d+) choices acknowledged, all present exactly once; (\d+) requests cut`).FindStringSubmatch(line)
	require.NotNil(t, m, line)
	assert.NotEqual(t, "0", m[1])
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"soak"}, {"load", "-c", "0"}, {"crash", "-rounds", "100"}, {"load", "-t", "1h"}, {"cluster", "-postgres", ""}} {
		var out, errOut bytes.Buffer
		assert.Equal(t, 2, run(args, &out, &errOut), "%v", args)
		assert.NotEmpty(t, errOut.String())
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	assert.Equal(t, time.Duration(50), percentile(d, 50))
	assert.Equal(t, time.Duration(99), percentile(d, 99))
	assert.Equal(t, time.Duration(1), percentile(d[:1], 99))
}
