//go:build !js

package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// configuredServer starts another consent server whose configuration is the
// default one changed by edit, and returns its URL. It shares the host
// 127.0.0.1, and so the cookie jar, with serverURL.
func configuredServer(t *testing.T, edit func(*config.Config)) string {
	t.Helper()
	cfg := config.Default()
	edit(cfg)
	require.NoError(t, cfg.Validate())
	data, err := json.Marshal(cfg)
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "site.json")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	url, stop, err := startServer("-config", file)
	require.NoError(t, err)
	t.Cleanup(stop)
	return url
}
