//go:build !js

package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/consent"
)

// holdWasm makes the visitor's browser wait for the wasm, as on a slow
// network: its request stays paused until release is called, so the test
// acts while only the loader runs. Call it before opening the page.
func (v *visitor) holdWasm() (release func()) {
	v.t.Helper()
	events := chromedp.Events(v.ctx, fetch.RequestPaused)
	v.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*.wasm"}}})
		return err
	}))
	paused := make(chan fetch.RequestID, 8)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			paused <- ev.RequestID
		}
	}()
	return func() {
		v.t.Helper()
		var id fetch.RequestID
		select {
		case id = <-paused:
		case <-time.After(10 * time.Second):
			v.t.Fatal("the page never asked for the wasm")
		}
		v.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			if _, err := cdp.Call(ctx, t, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, t, fetch.Disable, cdp.Empty{})
			return err
		}))
	}
}

// live is true once the wasm has taken the banner over.
const live = `(() => { const h = document.querySelector("cookie-consent"); const c = h && h.shadowRoot.querySelector(".cc-container");
	return !!c && c.dataset.state === "live"; })()`

// buttonBoxes is where each button of the first layer is drawn.
const buttonBoxes = `Array.from(` + shadow + `.querySelectorAll(".cc-banner [data-cc-action]"), b => {
	const r = b.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })`

// TestFirstLayerShowsBeforeTheWasm: the first layer, rendered by the server
// with the same component, shows while the wasm is still on its way; when
// the wasm takes it over, nothing moves and the entrance does not replay.
func TestFirstLayerShowsBeforeTheWasm(t *testing.T) {
	v := newVisitor(t)
	release := v.holdWasm()
	v.open(serverURL + "/")
	v.waitFor(".cc-banner")
	assert.False(t, eval[bool](v, live), "the wasm is not there yet")
	assert.Equal(t, []string{"Tout refuser", "Tout accepter", "Personnaliser"},
		eval[[]string](v, `Array.from(`+shadow+`.querySelectorAll(".cc-banner [data-cc-action]"), b => b.textContent)`))
	v.do(chromedp.Sleep(300 * time.Millisecond)) // the entrance animation ends
	before := eval[[][]float64](v, buttonBoxes)

	// The first layer needs no wasm; show() then hide() (as a visitor who
	// opens the panel and leaves it without choosing) make the wasm take
	// the first layer over.
	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show(); cookieConsent.hide()`))
	release()
	v.waitTrue(live, "the wasm takes over")
	after := eval[[][]float64](v, buttonBoxes)
	require.Len(t, after, len(before))
	for i := range before {
		for j := range before[i] {
			assert.InDelta(t, before[i][j], after[i][j], 0.5, "button %d did not move", i)
		}
	}
	assert.Equal(t, "none", eval[string](v, `getComputedStyle(`+shadow+`.querySelector(".cc-banner")).animationName`),
		"the live banner does not play its entrance again")
	v.click("[data-cc-action=accept-all]")
	choice, _ := v.waitChoice(serverURL)
	assert.True(t, choice.Accepted("statistics"), "the live banner answers")
}

// TestOneClickBeforeTheWasmIsEnough: "Tout refuser" clicked before the wasm
// has even arrived is stored at once: the first layer needs no wasm.
func TestOneClickBeforeTheWasmIsEnough(t *testing.T) {
	v := newVisitor(t)
	_ = v.holdWasm() // never released: the choice needs no wasm
	v.open(serverURL + "/")
	v.click("[data-cc-action=refuse-all]")
	choice, _ := v.waitChoice(serverURL)
	assert.False(t, choice.Accepted("statistics"))
	assert.False(t, v.visible(".cc-banner"), "the banner closes at once")
	assert.False(t, eval[bool](v, live))

	v.do(chromedp.Reload())
	v.waitReturning()
	again, _ := v.waitChoice(serverURL)
	assert.Equal(t, choice.ID, again.ID, "one choice, stored once")
}

// TestCustomizeBeforeTheWasmIsLive: "Personnaliser" opens the panel at
// once, while the wasm is still on its way (panel_test.go has the rest).
func TestCustomizeBeforeTheWasmIsLive(t *testing.T) {
	v := newVisitor(t)
	release := v.holdWasm()
	v.open(serverURL + "/")
	v.click("[data-cc-action=customize]")
	v.waitFor(".cc-panel")
	assert.False(t, eval[bool](v, live), "the wasm is not there yet")
	release()
	v.waitTrue(live, "the wasm takes the panel over")
	v.click("#cc-switch-statistics")
	v.click("[data-cc-action=save]")
	choice, _ := v.waitChoice(serverURL)
	assert.True(t, choice.Accepted("statistics"))
}

// TestReturningVisitorGetsThePanelOnDemand: no wasm on a returning visit,
// until the visitor opens the panel from the footer link.
func TestReturningVisitorGetsThePanelOnDemand(t *testing.T) {
	v := newVisitor(t)
	stored := consent.New(1, map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false}, time.Now())
	v.setCookie(serverURL, consent.CookieName, consent.Encode(stored))
	v.open(serverURL + "/")
	v.waitReturning()
	assert.Equal(t, stored.ID, eval[string](v, `cookieConsent.get().id`))

	v.clickPage(`a[data-cc="preferences"]`)
	v.waitFor(".cc-panel")
	assert.True(t, eval[bool](v, shadow+`.querySelector("#cc-switch-statistics").checked`), "the panel shows the stored choice")
	v.click("#cc-switch-statistics")
	v.click("[data-cc-action=save]")
	v.waitTrue(`!cookieConsent.accepted("statistics")`, "the new choice applies")
}
