package ui

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

func TestPrerenderIsTheLiveFirstLayer(t *testing.T) {
	cfg := config.Default()
	html, err := Prerender(cfg)
	require.NoError(t, err)
	require.Len(t, html, len(cfg.Texts), "one per language")

	b, _ := newBanner(t, &MemoryJar{}, Options{Lang: "en"})
	live := betweenTags.ReplaceAllString(render(t, b), "><")
	assert.Equal(t, sortAttributes(live), sortAttributes(html["en"]), "the same markup as the live component")
	assert.Contains(t, html["fr"], `data-cc-action="refuse-all"`)
	assert.Contains(t, html["fr"], "Tout refuser")
	assert.Contains(t, html["en"], "Refuse all")
	assert.True(t, strings.HasPrefix(sortAttributes(html["fr"]), `<div class="cc-root cc-layout-bar cc-theme-light" lang="fr">`),
		"the root carries the layout, theme and language")
	assert.NotRegexp(t, `>\s+<`, html["fr"], "no whitespace between tags")
	assert.NotContains(t, html["fr"], "role=\"dialog\"", "the first layer only")
}

var (
	openTag   = regexp.MustCompile(`<([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)>`)
	attribute = regexp.MustCompile(`[a-z-]+="[^"]*"`)
)

// sortAttributes puts each tag's attributes in order: go-app writes them in
// map order.
func sortAttributes(html string) string {
	return openTag.ReplaceAllStringFunc(html, func(tag string) string {
		m := openTag.FindStringSubmatch(tag)
		attrs := attribute.FindAllString(m[2], -1)
		sort.Strings(attrs)
		return "<" + m[1] + " " + strings.Join(attrs, " ") + ">"
	})
}
