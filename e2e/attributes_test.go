//go:build !js

package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// warningRecorder is a page script, run before the loader, that keeps what
// goes to console.warn.
const warningRecorder = `<script>window.hostWarnings = [];
	const warn = console.warn;
	console.warn = function (...args) { hostWarnings.push(args.join(" ")); warn.apply(console, args); };</script>`

// TestBadTagAttributes: each of data-theme, data-layout, data-position and
// data-lang with a value the banner does not know gets one console warning
// naming the attribute, the value and the allowed values, and the banner
// goes on with the configuration's values (light, bar, bottom; the page's
// language), the live one too.
func TestBadTagAttributes(t *testing.T) {
	site := newHostSite(t)
	v := newVisitor(t)
	v.open(bannerPage(t, site, "/bad.html", ` data-theme="neon" data-layout="sidebar" data-position="middle" data-lang="xx"`, warningRecorder))
	v.waitFor(".cc-banner")
	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show()`))
	v.waitFor(".cc-panel") // the wasm, live, read the same attributes
	v.waitTrue(shadow+`.querySelector(".cc-container").dataset.state === "live"`, "the banner is live")
	assert.Equal(t, []string{
		`cookie-consent: data-theme="neon" is not one of "light", "dark", "auto", "dsfr": the banner uses "light" instead`,
		`cookie-consent: data-layout="sidebar" is not one of "bar", "box", "modal": the banner uses "bar" instead`,
		`cookie-consent: data-position="middle" is not one of "bottom", "top", "bottom-left", "bottom-right", "top-left", "top-right": the banner uses "bottom" instead`,
		`cookie-consent: data-lang="xx" is not one of "en", "fr": the banner uses the page's language instead`,
	}, eval[[]string](v, `hostWarnings`), "one warning per attribute, no more")
	assert.Equal(t, []string{"cc-root", "cc-layout-bar", "cc-theme-light", "cc-at-bottom", "cc-at-right"},
		eval[[]string](v, `Array.from(`+shadow+`.querySelector(".cc-root").classList)`))
	assert.Equal(t, "fr", eval[string](v, shadow+`.querySelector(".cc-root").lang`), "the page's <html lang>")
}

// TestGoodTagAttributesDoNotWarn: valid values, in any case for data-lang
// ("EN-gb" is English), draw no warning.
func TestGoodTagAttributesDoNotWarn(t *testing.T) {
	site := newHostSite(t)
	v := newVisitor(t)
	v.open(bannerPage(t, site, "/good.html", ` data-theme="dark" data-layout="box" data-position="top-left" data-lang="EN-gb"`, warningRecorder))
	v.waitFor(".cc-banner")
	assert.Empty(t, eval[[]string](v, `hostWarnings`))
	assert.Equal(t, "en", eval[string](v, shadow+`.querySelector(".cc-root").lang`))
}
