//go:build !js

package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// quickStartBlock returns the code block of a language under a heading of
// the README's quick start.
func quickStartBlock(t *testing.T, heading, lang string) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	s := string(readme)
	i := strings.Index(s, "\n"+heading+"\n")
	require.GreaterOrEqual(t, i, 0, "README.md has %q", heading)
	s = s[i:]
	if j := strings.Index(s[1:], "\n### "); j >= 0 {
		s = s[:j+1]
	}
	m := regexp.MustCompile("(?s)\n```" + lang + "\n(.*?)```\n").FindStringSubmatch(s)
	require.NotNil(t, m, "a %s block under %q", lang, heading)
	return m[1]
}

// TestQuickStart follows the README's quick start as a newcomer does: the
// server started with the README's site.json, the README's page served from
// another origin. The banner shows the file's texts, the gated script waits
// for "Tout accepter", and the panel lists the file's categories, with the
// consent cookie's lifetime written from lifetimeDays.
func TestQuickStart(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site.json")
	require.NoError(t, os.WriteFile(site, []byte(quickStartBlock(t, "### 3. Write your `site.json`", "json")), 0o644))
	server, stop, err := startServer("-config", site)
	require.NoError(t, err)
	t.Cleanup(stop)

	page := quickStartBlock(t, "### 2. Add the tag to your page", "html")
	require.Contains(t, page, "http://localhost:8080/consent.js")
	page = strings.Replace(page, "http://localhost:8080", server, 1)
	// What the page logs, kept for the test.
	page = strings.Replace(page, "<head>", `<head><script>window.logs = []; const log = console.log; console.log = (...a) => { logs.push(a.join(" ")); log(...a); };</script>`, 1)
	host := newHostSite(t)
	host.page("/index.html", page)

	v := newVisitor(t)
	v.open(host.URL + "/index.html")
	v.waitFor(".cc-banner")
	assert.Equal(t, "Les cookies de Mon portail", eval[string](v, shadow+`.querySelector("#cc-banner-title").textContent`))
	assert.Empty(t, eval[[]string](v, `logs`), "nothing gated runs before a choice")

	v.click("[data-cc-action=accept-all]")
	v.waitTrue(`logs.includes("statistics accepted")`, "the statistics script runs once accepted")
	choice, _ := v.waitChoice(host.URL)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": true}, choice.Categories)

	v.clickPage(`a[data-cc="preferences"]`)
	v.waitFor(".cc-panel")
	panel := eval[string](v, shadow+`.querySelector(".cc-panel").textContent`)
	assert.Contains(t, panel, "Mesure d'audience")
	assert.Contains(t, panel, "_pk_*")
	assert.Contains(t, panel, "6 mois", "cookies_preferences' lifetime, from lifetimeDays 182")
}
