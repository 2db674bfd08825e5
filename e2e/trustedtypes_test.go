//go:build !js

package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// trustedTypesPolicy is the Content-Security-Policy of a strict portal: no
// HTML string reaches a sink unless a policy named cookie-consent let it
// through; inline scripts only with the page's nonce.
const trustedTypesPolicy = "script-src 'self' {{SERVER}} 'nonce-tt-nonce' 'wasm-unsafe-eval'; connect-src 'self' {{SERVER}}; " +
	"style-src 'self' 'unsafe-inline'; require-trusted-types-for 'script'; trusted-types cookie-consent"

// TestTrustedTypes opens portals whose CSP requires Trusted Types: the
// first layer shows (bar and modal), the panel opens with the wasm, a choice
// runs the gated scripts (an external one, and an inline one with the
// page's nonce), and the page sees no violation and no error. A page whose
// directive names another policy gets no first layer, and no exception;
// the panel and gating still work.
func TestTrustedTypes(t *testing.T) {
	site := newHostSite(t)
	page := testdata(t, "trusted-types.html")
	site.pageWithCSP("/tt.html", page, trustedTypesPolicy)
	site.pageWithCSP("/tt-modal.html", strings.Replace(page, `consent.js" defer`, `consent.js" defer data-layout="modal"`, 1), trustedTypesPolicy)
	site.pageWithCSP("/tt-other.html", page, strings.Replace(trustedTypesPolicy, "trusted-types cookie-consent", "trusted-types other-policy", 1))
	// Scripts by nonce alone: the loader's own tag carries it, and the
	// module that starts the wasm, imported by the loader, inherits it.
	site.pageWithCSP("/nonce.html", strings.ReplaceAll(page, `<script src=`, `<script nonce="tt-nonce" src=`),
		strings.Replace(trustedTypesPolicy, "script-src 'self' {{SERVER}} 'nonce-tt-nonce'", "script-src 'nonce-tt-nonce'", 1))
	site.script("/host.js", testdata(t, "host.js"))
	site.script("/host-end.js", testdata(t, "host-end.js"))
	site.script("/gated.js", testdata(t, "gated.js"))

	t.Run("bar, the panel and gating", func(t *testing.T) {
		v := newVisitor(t)
		v.open(site.URL + "/tt.html")
		v.waitFor(".cc-banner")
		assert.Equal(t, "Portail sous Trusted Types", eval[string](v, `document.querySelector("#host-main h1").textContent`))
		assert.False(t, eval[bool](v, `window.gatedRan === true || window.inlineGatedRan === true`), "nothing gated runs before a choice")
		v.click("[data-cc-action=customize]")
		v.waitFor(".cc-panel")
		v.waitTrue(shadow+`.querySelector("dialog").matches(":modal")`, "the panel is a modal dialog")
		v.click(".cc-panel [data-cc-action=accept-all]")
		v.waitTrue(`window.gatedRan === true && window.inlineGatedRan === true`, "both gated scripts run once accepted")
		assert.Empty(t, eval[[]string](v, `hostViolations`), "no Trusted Types violation")
		assert.Empty(t, eval[[]string](v, `hostErrors`))
		choice, _ := v.waitChoice(site.URL)
		assert.True(t, choice.Accepted("statistics"))

		// The policy is ours alone: the page cannot create another
		// cookie-consent policy to pass its own strings.
		assert.Equal(t, "refused", eval[string](v, `(() => { try { trustedTypes.createPolicy("cookie-consent", {createHTML: (s) => s}); return "created"; } catch (e) { return "refused"; } })()`))
	})

	t.Run("the prerendered panel, before the wasm", func(t *testing.T) {
		v := newVisitor(t)
		v.blockWasm()
		v.open(site.URL + "/tt.html")
		v.waitFor(".cc-banner")
		v.click("[data-cc-action=customize]")
		v.waitFor(".cc-panel")
		assert.True(t, eval[bool](v, shadow+`.querySelector("#cc-panel-dialog").matches(":modal")`), "the panel is a modal dialog")
		assert.False(t, eval[bool](v, live), "shown by the loader, through the policy")
		v.click("#cc-switch-statistics")
		v.click(".cc-panel [data-cc-action=save]")
		choice, _ := v.waitChoice(site.URL)
		assert.True(t, choice.Accepted("statistics"))
		v.waitTrue(`window.gatedRan === true && window.inlineGatedRan === true`, "the gated scripts run once accepted")
		assert.Empty(t, eval[[]string](v, `hostViolations`), "no Trusted Types violation")
		assert.Empty(t, eval[[]string](v, `hostErrors`))
	})

	t.Run("scripts allowed by nonce only: the wasm still starts", func(t *testing.T) {
		v := newVisitor(t)
		v.open(site.URL + "/nonce.html")
		v.waitFor(".cc-banner")
		v.click("[data-cc-action=customize]")
		v.waitFor(".cc-panel")
		v.waitTrue(live, "the module that starts the wasm was imported, and go-app took the panel over")
		assert.Empty(t, eval[[]string](v, `hostViolations`), "no CSP or Trusted Types violation")
		assert.Empty(t, eval[[]string](v, `hostErrors`))
	})

	t.Run("modal first layer", func(t *testing.T) {
		v := newVisitor(t)
		v.open(site.URL + "/tt-modal.html")
		v.waitFor(".cc-banner")
		v.waitTrue(shadow+`.querySelector("dialog").matches(":modal")`, "the first layer is a modal dialog")
		v.expectFocus(firstLayerDialog)
		v.click("[data-cc-action=refuse-all]")
		choice, _ := v.waitChoice(site.URL)
		assert.False(t, choice.Accepted("statistics"))
		assert.False(t, eval[bool](v, `window.gatedRan === true || window.inlineGatedRan === true`), "refused: nothing gated runs")
		v.expectFocus("page:main#host-main")
		assert.Empty(t, eval[[]string](v, `hostViolations`), "no Trusted Types violation")
		assert.Empty(t, eval[[]string](v, `hostErrors`))
	})

	t.Run("a page that allows only another policy", func(t *testing.T) {
		v := newVisitor(t)
		v.open(site.URL + "/tt-other.html")
		v.waitTrue(`document.readyState === "complete" && typeof hostAPI === "string" && hostAPI !== "not called"`, "the page loaded and asked the API")
		assert.False(t, eval[bool](v, `!!document.querySelector("cookie-consent")`), "no first layer: the page forbids its markup")
		assert.Empty(t, eval[[]string](v, `hostErrors`), "and nothing was thrown into the page")
		// The live banner needs no HTML string: the panel still opens.
		v.clickPage(`a[data-cc="preferences"]`)
		v.waitFor(".cc-panel")
		v.click(".cc-panel [data-cc-action=accept-all]")
		v.waitTrue(`window.gatedRan === true && window.inlineGatedRan === true`, "gating works")
		assert.Empty(t, eval[[]string](v, `hostErrors`))
	})
}
