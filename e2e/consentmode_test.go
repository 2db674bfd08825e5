//go:build !js

package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// withConsentMode maps statistics to analytics and third-party to the
// advertising signals.
func withConsentMode(c *config.Config) {
	c.ConsentMode = config.ConsentMode{
		"statistics":  {"analytics_storage"},
		"third_party": {"ad_storage", "ad_user_data", "ad_personalization"},
	}
}

var (
	allDenied = map[string]any{"analytics_storage": "denied", "ad_storage": "denied", "ad_user_data": "denied", "ad_personalization": "denied"}
	statsOnly = map[string]any{"analytics_storage": "granted", "ad_storage": "denied", "ad_user_data": "denied", "ad_personalization": "denied"}
)

// TestConsentModeV2 reads window.dataLayer as Google's tags would: the
// defaults are there, denied, before any gated tag runs, and every choice
// pushes an update first.
func TestConsentModeV2(t *testing.T) {
	server := configuredServer(t, withConsentMode)
	site := gatedSite(t, server, "/gated.html")
	v := newVisitor(t)
	v.open(site.URL + "/gated.html")
	v.waitFor(".cc-banner")
	assert.Equal(t, []any{[]any{"consent", "default", allDenied}}, eval[[]any](v, `Array.from(dataLayer, a => Array.from(a))`),
		"defaults, denied, before any choice")
	assert.True(t, eval[bool](v, `Object.prototype.toString.call(dataLayer[0]) === "[object Arguments]"`), "pushed as gtag() pushes")

	v.click("[data-cc-action=refuse-all]")
	v.waitTrue(`dataLayer.length === 2`, "a refusal pushes an update")
	assert.Equal(t, []any{"consent", "update", allDenied}, eval[[]any](v, `Array.from(dataLayer[1])`))

	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.set({statistics: true})`))
	v.waitTrue(`order.includes("A")`, "the statistics tag runs")
	assert.Equal(t, []any{
		[]any{"consent", "default", allDenied},
		[]any{"consent", "update", allDenied},
		[]any{"consent", "update", statsOnly},
	}, eval[[]any](v, `layerAtFirstRun`), "the update granting analytics came before the tag ran")

	// Coming back: default then update, both before the first tag.
	v.open(site.URL + "/gated.html")
	v.waitTrue(`order.includes("A")`, "the statistics tag runs on the next page view")
	assert.Equal(t, []any{
		[]any{"consent", "default", allDenied},
		[]any{"consent", "update", statsOnly},
	}, eval[[]any](v, `layerAtFirstRun`))
}

// TestNoConsentModeUnlessConfigured: the default configuration leaves
// window.dataLayer alone.
func TestNoConsentModeUnlessConfigured(t *testing.T) {
	site := gatedSite(t, serverURL, "/gated.html")
	v := newVisitor(t)
	v.open(site.URL + "/gated.html")
	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.acceptAll()`))
	v.waitTrue(`order.length === 4`, "the scripts run")
	assert.True(t, eval[bool](v, `window.dataLayer === undefined`))
}
