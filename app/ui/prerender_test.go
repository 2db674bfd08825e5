//go:build !js

package ui

import (
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
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

func TestPrerenderedPanelIsTheLivePanel(t *testing.T) {
	cfg := config.Default()
	cfg.Categories[3].SaleOrAdvertising = true // a GPC note to draw
	panels, err := PrerenderPanel(cfg)
	require.NoError(t, err)
	require.Len(t, panels, len(cfg.Texts), "one per language")

	refused := map[string]bool{}
	for _, c := range cfg.Categories {
		refused[c.ID] = c.Required
	}
	for _, layout := range config.Layouts() {
		jar := &MemoryJar{}
		c := consent.New(cfg.Revision, refused, now)
		jar.SetCookie(consent.SetCookie(c, consent.Attributes{MaxAge: time.Hour}))
		b, _ := newBanner(t, jar, Options{Config: cfg, Lang: "en", Layout: layout, GPC: true})
		b.ShowPanel()
		live := render(t, b)
		live = falseBoolean.ReplaceAllString(bareARIA.ReplaceAllString(betweenTags.ReplaceAllString(live, "><"), `$1="true"$2`), "")
		want := strings.Replace(panels["en"], "cc-layout-"+cfg.Layout, "cc-layout-"+layout, 1)
		assert.Equal(t, sortAttributes(valued(live)), sortAttributes(valued(want)), "%s: the live panel's markup but for the layout class", layout)
	}
	fr := panels["fr"]
	assert.Contains(t, fr, "Enregistrer mes choix")
	assert.Contains(t, fr, `data-cc-action="close"`, "drawn with its close button (the loader takes it out before a choice)")
	assert.Contains(t, fr, `class="cc-gpc-note"`, "and the GPC notes (taken out without the signal)")
	assert.NotContains(t, fr, `="false"`, "no boolean attribute says false: present, it would be true")
	assert.Regexp(t, `<input [^>]*id="cc-switch-necessary"[^>]*>`, fr)
	for _, m := range regexp.MustCompile(`<input [^>]*>`).FindAllString(fr, -1) {
		required := strings.Contains(m, `id="cc-switch-necessary"`)
		assert.Equal(t, required, strings.Contains(m, " checked"), "only the required switch is on: %s", m)
		assert.Equal(t, required, strings.Contains(m, " disabled"), "only the required switch is disabled: %s", m)
	}
}

// valued gives the bare boolean attributes an empty value, for
// sortAttributes.
func valued(html string) string {
	for bareBoolean.MatchString(html) { // twice for "checked disabled": matches do not overlap
		html = bareBoolean.ReplaceAllString(html, ` $1=""$2`)
	}
	return html
}

var bareBoolean = regexp.MustCompile(`\s(checked|disabled)([\s>])`)
