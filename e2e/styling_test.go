//go:build !js

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// computed is a JavaScript expression: the computed value of a CSS property
// of the first element of the banner that matches selector.
func computed(selector, property string) string {
	return fmt.Sprintf(`getComputedStyle(%s.querySelector(%q)).getPropertyValue(%q)`, shadow, selector, property)
}

// rect is a JavaScript expression: [left, top, right, bottom] of the first
// element of the banner that matches selector.
func rect(selector string) string {
	return fmt.Sprintf(`(r => [r.left, r.top, r.right, r.bottom])(%s.querySelector(%q).getBoundingClientRect())`, shadow, selector)
}

// galleryShot saves a picture of the element for docs/styling.md's styling
// guide, when ./build.sh gallery runs (CONSENT_GALLERY is set).
func (v *visitor) galleryShot(name, selector string) {
	v.t.Helper()
	if dir := os.Getenv("CONSENT_GALLERY"); dir != "" {
		require.NoError(v.t, os.MkdirAll(dir, 0o755))
		v.snapshot(filepath.Join(dir, name), selector, 24)
	}
}

// TestIntegratorStyling checks the three ways an integrator styles the
// banner, each with the example docs/styling.md shows (e2e/testdata/styling-*.css):
// --cc-* custom properties and ::part() rules in the page's stylesheet, and
// a stylesheet of their own added into the banner.
func TestIntegratorStyling(t *testing.T) {
	site := newHostSite(t)
	v := newVisitor(t)
	v.emulateWidth(1280, 800, 1)

	t.Run("custom properties", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		v.open(bannerPage(t, site, "/variables.html", "", "<style>"+testdata(t, "styling-variables.css")+"</style>"))
		v.waitFor(".cc-banner")
		for _, action := range []string{"accept-all", "refuse-all"} {
			sel := "[data-cc-action=" + action + "]"
			assert.Equal(t, "rgb(11, 79, 108)", eval[string](v, computed(sel, "background-color")), "%s takes --cc-primary", action)
			assert.Equal(t, "999px", eval[string](v, computed(sel, "border-top-left-radius")), "--cc-button-radius")
		}
		assert.Equal(t, "rgb(11, 79, 108)", eval[string](v, computed("[data-cc-action=customize]", "color")), "the secondary button too")
		assert.Contains(t, eval[string](v, computed(".cc-banner", "font-family")), "Georgia", "--cc-font-family")
		assert.Equal(t, "24px", eval[string](v, computed(".cc-title", "font-size")), "--cc-title-font-size: 1.5em of 16px")
		assert.Equal(t, "25px", eval[string](v, computed(".cc-banner", "padding-top")), "--cc-spacing: 1.25 × 1.25em")
		v.galleryShot("styling-variables.png", ".cc-banner")

		v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show()`))
		v.waitFor(".cc-panel")
		assert.Equal(t, "12px", eval[string](v, computed(".cc-panel", "border-top-left-radius")), "--cc-radius")
	})

	t.Run("parts", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		v.open(bannerPage(t, site, "/parts.html", "", "<style>"+testdata(t, "styling-parts.css")+"</style>"))
		v.waitFor(".cc-banner")
		assert.Equal(t, "6px solid rgb(11, 79, 108)", eval[string](v, computed(".cc-banner", "border-top")))
		assert.Equal(t, "uppercase", eval[string](v, computed(".cc-title", "text-transform")))
		assert.Equal(t, "dashed", eval[string](v, computed("[data-cc-action=customize]", "border-top-style")))
		assert.Equal(t, "solid", eval[string](v, computed("[data-cc-action=accept-all]", "border-top-style")), "button-secondary is not button-choice")
		v.galleryShot("styling-parts.png", ".cc-banner")
	})

	t.Run("own stylesheet", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		site.stylesheet("/consent-brand.css", testdata(t, "styling-stylesheet.css"))
		v.open(bannerPage(t, site, "/stylesheet.html", ` data-stylesheet="/consent-brand.css"`, ""))
		v.waitFor(".cc-banner")
		v.waitTrue(computed(".cc-banner", "display")+` === "grid"`, "the stylesheet is applied inside the banner")
		assert.Equal(t, site.URL+"/consent-brand.css", eval[string](v, shadow+`.querySelector("link[rel=stylesheet]").href`),
			"a root-relative URL is the page's origin")
		assert.Equal(t, "STYLE LINK DIV", eval[string](v, `Array.from(`+shadow+`.children, e => e.tagName).join(" ")`),
			"after the theme, before the banner")
		text, actions := eval[[]float64](v, rect(".cc-text")), eval[[]float64](v, rect(".cc-actions"))
		assert.Greater(t, actions[0], text[2], "the buttons are on the right of the text")
		v.galleryShot("styling-stylesheet.png", ".cc-banner")
	})

	t.Run("the page's other custom properties stay out", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		v.open(bannerPage(t, site, "/private.html", "", `<style>:root { --_bg: red; --_primary: red; --_font: cursive; --cc-unknown: red; }</style>`))
		v.waitFor(".cc-banner")
		assert.Equal(t, "rgb(255, 255, 255)", eval[string](v, computed(".cc-banner", "background-color")))
		assert.Equal(t, "rgb(0, 0, 145)", eval[string](v, computed("[data-cc-action=accept-all]", "background-color")))
		assert.NotContains(t, eval[string](v, computed(".cc-banner", "font-family")), "cursive")
	})

	t.Run("a stylesheet URL that is not https or root-relative is ignored", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		v.open(bannerPage(t, site, "/bad-stylesheet.html", ` data-stylesheet="http://localhost/x.css"`, ""))
		v.waitFor(".cc-banner")
		assert.Zero(t, eval[int](v, shadow+`.querySelectorAll("link").length`))
	})
	v.do(chromedp.ResetViewport())
}

// TestStylingFromTheConfiguration sets the layout, position, theme and
// stylesheet in the site's configuration file instead of the script tag, and
// checks that the tag's attributes still win over it.
func TestStylingFromTheConfiguration(t *testing.T) {
	server := configuredServer(t, func(cfg *config.Config) {
		cfg.Layout, cfg.Position, cfg.Theme, cfg.Stylesheet = "box", "top-left", "dark", "/consent-brand.css"
	})

	site := newHostSite(t)
	site.stylesheet("/consent-brand.css", `.cc-title { text-decoration: underline; }`)
	site.stylesheet("/other.css", `.cc-title { font-style: italic; }`)
	page := func(path, attrs string) string {
		site.page(path, embedPage(t, path, ` lang="fr"`, `<script src="`+server+`/consent.js" defer`+attrs+`></script>`, ""))
		return site.URL + path
	}
	v := newVisitor(t)
	v.emulateWidth(1280, 800, 1)
	defer v.do(chromedp.ResetViewport())

	v.open(page("/configured.html", ""))
	v.waitFor(".cc-banner")
	assert.True(t, eval[bool](v, shadow+`.querySelector(".cc-root").matches(".cc-layout-box.cc-theme-dark.cc-at-top.cc-at-left")`))
	r := eval[[]float64](v, rect(".cc-banner"))
	assert.InDelta(t, 16, r[0], 1, "in the top left corner, one --cc-spacing from the edges")
	assert.InDelta(t, 16, r[1], 1)
	assert.Equal(t, "rgb(30, 30, 30)", eval[string](v, computed(".cc-banner", "background-color")))
	v.waitTrue(computed(".cc-title", "text-decoration-line")+` === "underline"`, "the configured stylesheet applies")

	v.open(page("/overridden.html", ` data-layout="bar" data-position="top" data-theme="light" data-stylesheet="/other.css"`))
	v.waitFor(".cc-banner")
	assert.True(t, eval[bool](v, shadow+`.querySelector(".cc-root").matches(".cc-layout-bar.cc-theme-light.cc-at-top")`))
	r = eval[[]float64](v, rect(".cc-banner"))
	assert.Equal(t, []float64{0, 0, 1280}, r[:3], "a bar along the top")
	v.waitTrue(computed(".cc-title", "font-style")+` === "italic"`, "the tag's stylesheet applies")
	assert.Equal(t, "none", eval[string](v, computed(".cc-title", "text-decoration-line")), "instead of the configured one")
}

// TestLayoutsPositionsAndThemes checks where each layout and position puts
// the first layer, and the colours of each theme, under each colour scheme.
func TestLayoutsPositionsAndThemes(t *testing.T) {
	site := newHostSite(t)
	v := newVisitor(t)
	v.emulateWidth(1000, 700, 1)
	defer v.do(chromedp.ResetViewport())

	t.Run("positions", func(t *testing.T) {
		tests := []struct {
			attrs string
			want  []float64 // left, top, right, bottom; -1: any
		}{
			{` data-layout="bar"`, []float64{0, -1, 1000, 700}},
			{` data-layout="bar" data-position="top-left"`, []float64{0, 0, 1000, -1}},
			{` data-layout="box"`, []float64{-1, -1, 984, 684}},
			{` data-layout="box" data-position="bottom-left"`, []float64{16, -1, -1, 684}},
			{` data-layout="box" data-position="top-right"`, []float64{-1, 16, 984, -1}},
			{` data-layout="box" data-position="nowhere"`, []float64{-1, -1, 984, 684}},
			{` data-layout="modal" data-position="top"`, []float64{-1, -1, -1, -1}},
		}
		for i, tt := range tests {
			t.Run(tt.attrs, func(t *testing.T) {
				v := &visitor{t: t, ctx: v.ctx}
				v.open(bannerPage(t, site, fmt.Sprintf("/position-%d.html", i), tt.attrs, ""))
				v.waitFor(".cc-banner")
				v.settle()
				got := eval[[]float64](v, rect(".cc-banner"))
				for j, w := range tt.want {
					if w >= 0 {
						assert.InDelta(t, w, got[j], 1, "edge %d of %v", j, got)
					}
				}
				if tt.attrs == ` data-layout="modal" data-position="top"` {
					assert.InDelta(t, 1000-got[2], got[0], 1, "a modal is centred whatever the position")
					assert.InDelta(t, 700-got[3], got[1], 1)
				}
			})
		}
	})

	t.Run("themes", func(t *testing.T) {
		tests := []struct {
			theme, scheme       string
			bg, button, font    string
			buttonRadius, color string
		}{
			{"light", "dark", "rgb(255, 255, 255)", "rgb(0, 0, 145)", "system-ui", "4px", "rgb(22, 22, 22)"},
			{"dark", "light", "rgb(30, 30, 30)", "rgb(133, 133, 246)", "system-ui", "4px", "rgb(245, 245, 245)"},
			{"auto", "light", "rgb(255, 255, 255)", "rgb(0, 0, 145)", "system-ui", "4px", "rgb(22, 22, 22)"},
			{"auto", "dark", "rgb(30, 30, 30)", "rgb(133, 133, 246)", "system-ui", "4px", "rgb(245, 245, 245)"},
			{"dsfr", "dark", "rgb(255, 255, 255)", "rgb(0, 0, 145)", "Marianne", "0px", "rgb(22, 22, 22)"},
		}
		for _, tt := range tests {
			t.Run(tt.theme+" under "+tt.scheme, func(t *testing.T) {
				v := &visitor{t: t, ctx: v.ctx}
				v.emulateMedia("prefers-color-scheme", tt.scheme)
				v.open(bannerPage(t, site, "/theme-"+tt.theme+".html", ` data-theme="`+tt.theme+`"`, ""))
				v.waitFor(".cc-banner")
				v.settle()
				assert.Equal(t, tt.bg, eval[string](v, computed(".cc-banner", "background-color")))
				assert.Equal(t, tt.color, eval[string](v, computed(".cc-title", "color")))
				assert.Equal(t, tt.button, eval[string](v, computed("[data-cc-action=refuse-all]", "background-color")))
				assert.Equal(t, tt.buttonRadius, eval[string](v, computed("[data-cc-action=refuse-all]", "border-top-left-radius")))
				assert.True(t, eval[bool](v, fmt.Sprintf(`%s.startsWith(%q)`, computed(".cc-banner", "font-family"), tt.font)),
					"font %s", eval[string](v, computed(".cc-banner", "font-family")))
			})
		}
		v.emulateMedia()
	})

	t.Run("reduced motion", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		url := bannerPage(t, site, "/motion.html", "", "")
		v.emulateMedia("prefers-reduced-motion", "no-preference")
		v.open(url)
		v.waitFor(".cc-banner")
		assert.Equal(t, "cc-in", eval[string](v, computed(".cc-banner", "animation-name")), "the banner fades in")
		v.emulateMedia("prefers-reduced-motion", "reduce")
		v.open(url)
		v.waitFor(".cc-banner")
		assert.Equal(t, "none", eval[string](v, computed(".cc-banner", "animation-name")), "no animation when the visitor asks for less motion")
		v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show()`))
		v.waitFor(".cc-panel")
		assert.Equal(t, "none", eval[string](v, computed(".cc-panel", "animation-name")))
		assert.Empty(t, eval[[]string](v, shadow+`.getAnimations().map(a => a.animationName)`))
		v.emulateMedia()
	})
}
