//go:build !js

package audit

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMainRefusesBadUsageWithStatus2(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-chromium")
	badConfig := filepath.Join(t.TempDir(), "site.json")
	require.NoError(t, os.WriteFile(badConfig, []byte(`{"revision": 0}`), 0o644))
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no URL", nil, "give at least one URL, or -sitemap"},
		{"an unknown flag", []string{"-bogus", "https://a.example/"}, "flag provided but not defined: -bogus"},
		{"a bad language", []string{"-lang", "de", "https://a.example/"}, `-lang "de": fr or en`},
		{"zero pages", []string{"-pages", "0", "https://a.example/"}, "-pages and -concurrency must be at least 1"},
		{"a bad configuration", []string{"-config", badConfig, "https://a.example/"}, "site.json"},
		{"no Chromium there", []string{"-chromium", missing, "https://a.example/"}, "-chromium: stat " + missing},
		{"not a URL", []string{"-chromium", os.Args[0], "data.example.org"}, `"data.example.org": not an http or https URL`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(context.Background(), tc.args, &stdout, &stderr)
			require.Equal(t, ExitCannotRun, code)
			require.Contains(t, stderr.String(), tc.want)
			require.Empty(t, stdout.String())
		})
	}
}

func TestNoChromiumIsAClearError(t *testing.T) {
	t.Setenv("CHROMIUM", "")
	t.Setenv("PATH", "")
	_, _, err := startBrowser(Options{Chromium: filepath.Join(t.TempDir(), "chromium")})
	require.ErrorContains(t, err, "no Chromium at")
	require.ErrorContains(t, err, "pass -chromium PATH")
}
