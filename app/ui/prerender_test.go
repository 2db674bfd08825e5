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
	first, err := Prerender(cfg)
	require.NoError(t, err)
	require.Len(t, first.HTML, len(cfg.Texts), "one per language")
	assert.Equal(t, config.Themes(), first.Themes)
	assert.Equal(t, config.Positions(), first.Positions)

	for _, layout := range config.Layouts() {
		b, _ := newBanner(t, &MemoryJar{}, Options{Lang: "en", Layout: layout})
		live := bareARIA.ReplaceAllString(betweenTags.ReplaceAllString(render(t, b), "><"), `$1="true"$2`)
		assert.Equal(t, sortAttributes(live), sortAttributes(first.HTML["en"][layout]), "%s: the same markup as the live component", layout)
	}
	fr := first.HTML["fr"]["bar"]
	assert.Contains(t, fr, `data-cc-action="refuse-all"`)
	assert.Contains(t, fr, "Tout refuser")
	assert.Contains(t, first.HTML["en"]["box"], "Refuse all")
	assert.True(t, strings.HasPrefix(sortAttributes(fr), `<div class="cc-root cc-layout-bar cc-theme-light cc-at-bottom cc-at-right" lang="fr">`),
		"the root carries the layout, theme, position and language")
	assert.NotRegexp(t, `>\s+<`, fr, "no whitespace between tags")
	assert.Contains(t, first.HTML["fr"]["modal"], `<dialog `, "the modal first layer is a dialog")
	assert.Contains(t, first.HTML["fr"]["modal"], `aria-modal="true"`, "ARIA states keep their value")
	assert.NotContains(t, fr, `aria-modal`, "the bar is not")
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
