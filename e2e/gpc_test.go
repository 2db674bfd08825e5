//go:build !js

package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gpcVisitor is a visitor whose browser sends Global Privacy Control
// (Chromium has no setting for it: the property is defined before any page
// script runs, as Firefox and Brave define it).
func gpcVisitor(t *testing.T) *visitor {
	v := newVisitor(t)
	v.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `Object.defineProperty(Navigator.prototype, "globalPrivacyControl", {get: () => true, configurable: true});`,
		})
		return err
	}))
	return v
}

// TestGlobalPrivacyControl: "accept all" leaves advertising refused, the
// panel says why, and the visitor can still turn it on.
func TestGlobalPrivacyControl(t *testing.T) {
	v := gpcVisitor(t)
	v.open(serverURL + "/")
	require.True(t, eval[bool](v, `navigator.globalPrivacyControl === true`))
	v.click("[data-cc-action=accept-all]")
	choice, _ := v.waitChoice(serverURL)
	assert.True(t, choice.Accepted("statistics"))
	assert.False(t, choice.Accepted("third_party"), "GPC refuses the category marked saleOrAdvertising")

	v.clickPage(`a[data-cc="preferences"]`)
	v.waitFor(".cc-panel")
	note := eval[[]string](v, `Array.from(`+shadow+`.querySelectorAll(".cc-gpc-note"), n => n.closest("[data-category]").dataset.category)`)
	assert.Equal(t, []string{"third_party"}, note, "the panel says why, on that category only")
	assert.Contains(t, eval[string](v, shadow+`.querySelector(".cc-gpc-note").textContent`), "Global Privacy Control")

	v.click("#cc-switch-third_party")
	v.click("[data-cc-action=save]")
	v.waitTrue(`cookieConsent.accepted("third_party")`, "turned on by hand, it is accepted")

	// The API's acceptAll() follows the same rule.
	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.refuseAll(); cookieConsent.acceptAll()`))
	assert.False(t, eval[bool](v, `cookieConsent.accepted("third_party")`))
	assert.True(t, eval[bool](v, `cookieConsent.accepted("statistics")`))
}

// TestWithoutGlobalPrivacyControl: no signal, no note, accept all accepts all.
func TestWithoutGlobalPrivacyControl(t *testing.T) {
	v := newVisitor(t)
	v.open(serverURL + "/")
	v.click("[data-cc-action=accept-all]")
	choice, _ := v.waitChoice(serverURL)
	assert.True(t, choice.Accepted("third_party"))
	v.clickPage(`a[data-cc="preferences"]`)
	v.waitFor(".cc-panel")
	assert.False(t, v.visible(".cc-gpc-note"))
}
