//go:build !js

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/bundle/bundletest"
)

// TestStartListsEveryConfigurationProblem: a file with an unknown field, a
// bad category id and a lifetime too long stops the server with status 1
// and one line per problem, each naming the file and the field.
func TestStartListsEveryConfigurationProblem(t *testing.T) {
	var site map[string]any
	require.NoError(t, json.Unmarshal(config.DefaultJSON(), &site))
	site["colour"] = "red"
	site["lifetimeDays"] = 500
	site["categories"].([]any)[1].(map[string]any)["id"] = "Stats"
	data, err := json.MarshalIndent(site, "", "  ")
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "site.json")
	require.NoError(t, os.WriteFile(file, data, 0o644))

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-dist", bundletest.WriteDist(t, bundletest.Files()), "-config", file}, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout.String(), "nothing listened")
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	for i := range lines {
		lines[i] = strings.TrimPrefix(lines[i], "server: ")
	}
	assert.Equal(t, []string{
		file + ": colour: unknown field (allowed: revision, lifetimeDays, refusalLifetimeDays, reloadOnWithdrawal, consentMode, cookieDomain, defaultLanguage, layout, theme, position, stylesheet, categories, texts, proof)",
		file + ": lifetimeDays: 500 is above 395 days (13 months, the CNIL maximum)",
		file + `: categories[1].id: "Stats" is not a valid id (lowercase letters, digits, "_" and "-", starting with a letter, at most 32 characters)`,
	}, lines)
}
