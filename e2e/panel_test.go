//go:build !js

package e2e

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
)

// The preferences panel before the wasm: the server prerenders it, the
// loader shows it at once and answers it, and the wasm, downloaded only
// when the visitor heads for the panel, takes it over in place.

// requestLog records every URL the visitor's tab asks for, from the
// moment it is made: what the network saw, not what the page reports.
type requestLog struct {
	mu   sync.Mutex
	urls []string
}

// watchRequests starts recording the tab's requests; call it before
// opening the page.
func (v *visitor) watchRequests() *requestLog {
	v.t.Helper()
	log := &requestLog{}
	events := chromedp.Events(v.ctx, network.RequestWillBeSent)
	v.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{})
		return err
	}))
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			log.mu.Lock()
			log.urls = append(log.urls, ev.Request.URL)
			log.mu.Unlock()
		}
	}()
	return log
}

// wasm lists the requests for the wasm or the whole configuration (what
// only the wasm reads).
func (l *requestLog) wasm() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, u := range l.urls {
		if strings.HasSuffix(u, ".wasm") || strings.Contains(u, "/config.") {
			out = append(out, u)
		}
	}
	return out
}

// wasmOnly keeps the wasm's URLs.
func wasmOnly(urls []string) []string {
	var out []string
	for _, u := range urls {
		if strings.HasSuffix(u, ".wasm") {
			out = append(out, u)
		}
	}
	return out
}

// waitWasmRequest waits until the tab has asked for the wasm.
func (v *visitor) waitWasmRequest(l *requestLog, msg string) {
	v.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(wasmOnly(l.wasm())) == 0 {
		require.True(v.t, time.Now().Before(deadline), msg)
		time.Sleep(20 * time.Millisecond)
	}
}

// idleAWhile lets a loaded page sit untouched for longer than any
// background work of a loader would wait (the old prefetch started 3 s
// after the load event, when idle).
func (v *visitor) idleAWhile() {
	v.t.Helper()
	v.waitTrue(`document.readyState === "complete"`, "the page loads")
	v.do(chromedp.Sleep(4 * time.Second))
	v.do(chromedp.Evaluate[chromedp.Void](`new Promise(r => requestIdleCallback(() => r(true), {timeout: 2000}))`, chromedp.EvalAwaitPromise))
}

// hover moves the mouse over an element of the banner, without clicking.
func (v *visitor) hover(selector string) {
	v.t.Helper()
	v.waitFor(selector)
	box := eval[[]float64](v, `(() => { const r = `+shadow+`.querySelector(`+quote(selector)+`).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`)
	v.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseMoved, X: box[0], Y: box[1]})
		return err
	}))
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// blockWasm makes every request for a .wasm fail, as a blocker or a broken
// network would; call it before opening the page.
func (v *visitor) blockWasm() {
	v.t.Helper()
	v.block("*://*:*/*.wasm")
}

// block makes every request whose URL matches pattern fail.
func (v *visitor) block(pattern string) {
	v.t.Helper()
	v.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.SetBlockedURLs, network.SetBlockedURLsParams{
			URLPatterns: []*network.BlockPattern{{URLPattern: pattern, Block: true}},
		})
		return err
	}))
}

// TestNoWasmBeforeIntent: a first visitor who reads the page, and a
// returning visitor, never download the wasm; heading for "Personnaliser"
// (the pointer over it) fetches the configuration only, and the wasm comes
// once the panel is on screen.
func TestNoWasmBeforeIntent(t *testing.T) {
	t.Run("first visit", func(t *testing.T) {
		v := newVisitor(t)
		log := v.watchRequests()
		v.open(serverURL + "/")
		v.waitFor(".cc-banner")
		v.idleAWhile()
		assert.Empty(t, log.wasm(), "no wasm while the visitor only reads")

		v.hover("[data-cc-action=customize]")
		v.waitTrue(`performance.getEntriesByType("resource").some(e => e.name.includes("/config."))`, "the pointer over \"Personnaliser\" fetches the configuration")
		assert.Empty(t, wasmOnly(log.wasm()), "not the wasm: the visitor may not click")
		v.click("[data-cc-action=customize]")
		v.waitFor(".cc-panel")
		v.waitWasmRequest(log, "the panel on screen fetches the wasm")
	})
	t.Run("first visit, keyboard", func(t *testing.T) {
		// Focus moving inside the banner's shadow root (Tab from "Tout
		// accepter") is heading for the panel as much as a pointer over it.
		v := newVisitor(t)
		log := v.watchRequests()
		v.open(serverURL + "/")
		v.waitFor(".cc-banner")
		v.tabTo("banner:refuse-all")
		v.tabTo("banner:accept-all")
		v.idleAWhile()
		assert.False(t, eval[bool](v, `performance.getEntriesByType("resource").some(e => e.name.includes("/config."))`), "not before focus reaches \"Personnaliser\"")
		v.tabTo("banner:customize")
		v.waitTrue(`performance.getEntriesByType("resource").some(e => e.name.includes("/config."))`, "focus on \"Personnaliser\" fetches the configuration")
		assert.Empty(t, wasmOnly(log.wasm()), "not the wasm")
	})
	t.Run("returning visitor", func(t *testing.T) {
		v := newVisitor(t)
		stored := consent.New(1, map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false}, time.Now())
		v.setCookie(serverURL, consent.CookieName, consent.Encode(stored))
		log := v.watchRequests()
		v.open(serverURL + "/")
		v.waitReturning()
		v.idleAWhile()
		assert.Empty(t, log.wasm(), "no wasm for a returning visitor")

		v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show()`))
		v.waitWasmRequest(log, "show() fetches the wasm")
	})
	t.Run("save data", func(t *testing.T) {
		v := newVisitor(t)
		on := true
		v.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetDataSaverOverride, emulation.SetDataSaverOverrideParams{DataSaverEnabled: &on})
			return err
		}))
		log := v.watchRequests()
		v.open(serverURL + "/")
		require.True(t, eval[bool](v, `navigator.connection.saveData`))
		v.hover("[data-cc-action=customize]")
		v.click("[data-cc-action=customize]")
		v.waitFor(".cc-panel")
		v.click("#cc-switch-statistics")
		v.click("[data-cc-action=save]")
		choice, _ := v.waitChoice(serverURL)
		assert.True(t, choice.Accepted("statistics"))
		v.idleAWhile()
		assert.Empty(t, log.wasm(), "a visitor sparing data gets the prerendered panel only")
	})
}

// TestPrerenderedPanelWorksWithoutTheWasm: with the wasm blocked, the panel
// opens, its switches toggle, and each of its controls does what the live
// panel's does: the same cookie, the same event.
func TestPrerenderedPanelWorksWithoutTheWasm(t *testing.T) {
	open := func(t *testing.T) *visitor {
		v := newVisitor(t)
		v.blockWasm()
		v.open(serverURL + "/")
		v.do(chromedp.Evaluate[chromedp.Void](`window.changes = []; document.addEventListener("cookieconsent:change", e => changes.push(e.detail))`))
		v.click("[data-cc-action=customize]")
		v.waitFor(".cc-panel")
		assert.False(t, v.visible(".cc-banner"), "the panel replaces the first layer")
		assert.True(t, eval[bool](v, shadow+`.querySelector("#cc-panel-dialog").matches(":modal")`), "the panel is a modal dialog")
		assert.Equal(t, panelDialog, eval[string](v, focused), "focus moves into the panel")
		assert.Contains(t, eval[string](v, shadow+`.querySelector(".cc-panel").textContent`), "Cookies statistiques", "its texts are there")
		assert.Positive(t, eval[int](v, shadow+`.querySelectorAll(".cc-panel table.cc-cookies tbody tr").length`), "and its cookie tables")
		assert.False(t, eval[bool](v, live))
		return v
	}
	t.Run("save a custom choice", func(t *testing.T) {
		v := open(t)
		v.click("#cc-switch-statistics")
		assert.True(t, eval[bool](v, shadow+`.querySelector("#cc-switch-statistics").checked`), "the switch toggles")
		v.click("[data-cc-action=save]")
		choice, _ := v.waitChoice(serverURL)
		assert.True(t, choice.Accepted("statistics"))
		assert.False(t, choice.Accepted("first_party"))
		assert.True(t, choice.Accepted("necessary"))
		assert.False(t, v.visible(".cc-panel"), "the panel closes")
		assert.Equal(t, []string{"statistics"}, eval[[]string](v, `changes[0].changed`), "the change event")
		assert.True(t, eval[bool](v, `cookieConsent.accepted("statistics")`))
		assert.False(t, eval[bool](v, live), "all without the wasm")
	})
	t.Run("accept all and refuse all", func(t *testing.T) {
		for action, want := range map[string]bool{"accept-all": true, "refuse-all": false} {
			v := open(t)
			v.click("[data-cc-action=" + action + "]")
			choice, _ := v.waitChoice(serverURL)
			assert.Equal(t, want, choice.Accepted("third_party"), action)
			assert.False(t, v.visible(".cc-panel"), action)
		}
	})
	t.Run("Escape goes back to the first layer", func(t *testing.T) {
		v := open(t)
		v.click("#cc-switch-statistics")
		v.press(kb.Escape)
		v.waitFor(".cc-banner")
		assert.False(t, v.visible(".cc-panel"))
		assert.Equal(t, "banner:customize", eval[string](v, focused), "focus comes back to \"Personnaliser\"")
		assert.Nil(t, v.consentCookie(serverURL), "closing is not a choice")
	})
	t.Run("the close control goes back to the first layer", func(t *testing.T) {
		v := open(t)
		closeButton := shadow + `.querySelector("[data-cc-action=close]")`
		assert.Equal(t, "Fermer sans enregistrer et revenir au bandeau", v.accessible(closeButton).Name, "on a first visit it says where it goes")
		v.click("[data-cc-action=close]")
		v.waitFor(".cc-banner")
		assert.False(t, v.visible(".cc-panel"))
		assert.Equal(t, "banner:customize", eval[string](v, focused), "focus comes back to \"Personnaliser\"")
		assert.Nil(t, v.consentCookie(serverURL), "closing is not a choice")
		assert.False(t, eval[bool](v, live))
	})
	t.Run("close after a choice", func(t *testing.T) {
		v := open(t)
		v.click("[data-cc-action=refuse-all]")
		v.waitChoice(serverURL)
		v.clickPage(`a[data-cc="preferences"]`)
		v.waitFor(".cc-panel")
		assert.False(t, eval[bool](v, shadow+`.querySelector("#cc-switch-statistics").checked`), "the panel shows the choice")
		assert.Equal(t, "Fermer les préférences", v.accessible(shadow+`.querySelector("[data-cc-action=close]")`).Name)
		v.click("[data-cc-action=close]")
		assert.False(t, v.visible(".cc-panel"))
		assert.False(t, v.visible(".cc-banner"), "nothing is left on screen")
		assert.Equal(t, "page:preferences", eval[string](v, focused), "focus comes back to the link")
	})
}

// panelState is what the visitor sees of the panel: its switches, what has
// focus, where a switch is drawn and how far the panel is scrolled.
const panelState = `(() => { const r = ` + shadow + `; const p = r.querySelector(".cc-panel");
	const box = r.querySelector("#cc-switch-third_party").getBoundingClientRect();
	return {switches: Array.from(r.querySelectorAll(".cc-switch"), s => s.checked), active: r.activeElement ? r.activeElement.id : "",
		box: [box.x, box.y, box.width, box.height], scroll: p.scrollTop}; })()`

type panelView struct {
	Switches []bool    `json:"switches"`
	Active   string    `json:"active"`
	Box      []float64 `json:"box"`
	Scroll   float64   `json:"scroll"`
}

// TestWasmTakesThePanelOverInPlace: the wasm arrives while the visitor is
// in the prerendered panel; go-app replaces it with its own, and the
// visitor's switches, focus, scroll and what they see stay as they were.
func TestWasmTakesThePanelOverInPlace(t *testing.T) {
	v := newVisitor(t)
	v.emulateWidth(800, 500, 1) // a panel that scrolls
	release := v.holdWasm()
	v.open(serverURL + "/")
	v.click("[data-cc-action=customize]")
	v.waitFor(".cc-panel")
	v.click("#cc-switch-statistics")
	v.do(chromedp.Evaluate[chromedp.Void](shadow + `.querySelector("#cc-switch-third_party").focus(); window.prerendered = ` + shadow + `.querySelector(".cc-panel")`))
	v.do(chromedp.Sleep(300 * time.Millisecond)) // the entrance animation ends
	before := eval[panelView](v, panelState)
	require.Equal(t, "cc-switch-third_party", before.Active)
	require.Positive(t, before.Scroll, "the test needs a scrolled panel")

	require.True(t, eval[bool](v, shadow+`.querySelector("#cc-panel-dialog").matches(":modal")`))

	release()
	v.waitTrue(live, "the wasm takes over")
	assert.False(t, eval[bool](v, `prerendered.isConnected`), "go-app's panel replaced the prerendered one")
	assert.True(t, eval[bool](v, shadow+`.querySelector("#cc-panel-dialog").matches(":modal")`), "the dialog stays open, modal")
	after := eval[panelView](v, panelState)
	assert.Equal(t, before.Switches, after.Switches, "the switches keep their state")
	assert.Equal(t, before.Active, after.Active, "focus stays on the same switch")
	assert.InDelta(t, before.Scroll, after.Scroll, 1, "the panel keeps its scroll")
	for i := range before.Box {
		assert.InDelta(t, before.Box[i], after.Box[i], 0.5, "nothing moves on screen")
	}
	assert.Equal(t, "none", eval[string](v, `getComputedStyle(`+shadow+`.querySelector(".cc-panel")).animationName`),
		"the live panel does not play its entrance again")

	v.press(" ") // the live panel answers the keyboard
	v.click("[data-cc-action=save]")
	choice, _ := v.waitChoice(serverURL)
	assert.True(t, choice.Accepted("statistics"))
	assert.True(t, choice.Accepted("third_party"))
	assert.False(t, choice.Accepted("first_party"))
}

// TestPanelWorksWithoutTheStartModule: the module that starts the wasm
// cannot be had (a CDN that kept an older build, a blocker): the
// prerendered panel still saves the visitor's choice, and the page is told
// nothing it did not ask for.
func TestPanelWorksWithoutTheStartModule(t *testing.T) {
	v := newVisitor(t)
	v.block("*://*:*/start.*.js")
	v.open(serverURL + "/")
	v.click("[data-cc-action=customize]")
	v.waitFor(".cc-panel")
	v.do(chromedp.Sleep(2500 * time.Millisecond)) // the wasm, were it started, would be live by now
	assert.False(t, eval[bool](v, live), "nothing started it")
	v.click("#cc-switch-third_party")
	v.click("[data-cc-action=save]")
	choice, _ := v.waitChoice(serverURL)
	assert.True(t, choice.Accepted("third_party"))
	assert.False(t, choice.Accepted("statistics"))
	assert.False(t, v.visible(".cc-panel"), "the panel closes")
	assert.False(t, eval[bool](v, live), "without the wasm")
}

// TestTakeoverKeepsAPanelScrolledFarDown: the prerendered panel draws its
// categories only near the screen (content-visibility), so a visitor who
// jumps far down a long panel passes categories never drawn, which count
// for an estimated height; go-app's copy draws them all, and what the
// visitor sees must still not move.
func TestTakeoverKeepsAPanelScrolledFarDown(t *testing.T) {
	server := configuredServer(t, func(c *config.Config) {
		big := c.Categories[len(c.Categories)-1]
		for i := range c.Categories {
			if len(c.Categories[i].Cookies) > len(big.Cookies) {
				big = c.Categories[i]
			}
		}
		for i := 1; i <= 8; i++ {
			extra := big
			extra.ID = fmt.Sprintf("extra%d", i)
			extra.Required = false
			extra.Cookies = nil
			for _, k := range big.Cookies {
				k.Name = fmt.Sprintf("x%d_%s", i, k.Name)
				extra.Cookies = append(extra.Cookies, k)
			}
			c.Categories = append(c.Categories, extra)
		}
	})
	v := newVisitor(t)
	v.emulateWidth(1280, 300, 1) // a short screen: a long panel
	release := v.holdWasm()
	v.open(server + "/")
	v.click("[data-cc-action=customize]")
	v.waitFor(".cc-panel")
	v.do(chromedp.Evaluate[chromedp.Void](`(() => { const p = ` + shadow + `.querySelector(".cc-panel");
		p.scrollTop = p.querySelectorAll(".cc-category")[10].offsetTop + 20; })()`))
	v.do(chromedp.Sleep(300 * time.Millisecond)) // the categories on screen are drawn
	drawn := eval[[]float64](v, `Array.from(`+shadow+`.querySelectorAll(".cc-category"), c => c.getBoundingClientRect().height)`)
	// What is drawn at the centre of the screen: its place among the
	// panel's elements (the same in go-app's copy), and its box.
	const seen = `(() => { const r = ` + shadow + `; const p = r.querySelector(".cc-panel");
		const all = Array.from(p.querySelectorAll("*")); const at = window.seenAt ?? all.indexOf(r.elementFromPoint(640, 150));
		window.seenAt = at; const b = all[at].getBoundingClientRect(); return [at, b.x, b.y, b.width]; })()`
	before := eval[[]float64](v, seen)
	require.Positive(t, before[0], "something of the panel is at the centre of the screen")
	require.Less(t, slices.Min(drawn[4:9]), slices.Max(drawn)/2, "the test needs copies of the longest category never drawn above what is on screen (heights %v)", drawn)
	release()
	v.waitTrue(live, "the wasm takes over")
	v.do(chromedp.Sleep(300 * time.Millisecond)) // and the frames after it
	after := eval[[]float64](v, seen)
	for i := range before {
		assert.InDelta(t, before[i], after[i], 0.5, "nothing moves on screen (%v, then %v)", before, after)
	}
}

// TestClickDuringTheTakeoverIsApplied: the visitor presses a switch of the
// prerendered panel just when the wasm is ready to take over; the takeover
// waits for the click, which toggles the switch, and keeps it.
func TestClickDuringTheTakeoverIsApplied(t *testing.T) {
	v := newVisitor(t)
	release := v.holdWasm()
	v.open(serverURL + "/")
	v.click("[data-cc-action=customize]")
	v.waitFor(".cc-panel")
	box := v.stillCentre(shadow, "#cc-switch-statistics")
	mouse := func(typ input.DispatchMouseEventType, buttons int64) {
		v.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.DispatchMouseEvent, input.DispatchMouseEventParams{
				Type: typ, X: box[0], Y: box[1], Button: input.MouseButtonLeft, Buttons: buttons, ClickCount: 1})
			return err
		}))
	}
	mouse(input.DispatchMouseEventTypeMousePressed, 1)
	release()
	v.waitTrue(`performance.getEntriesByName("cookie-consent:takeover-waits").length > 0`, "the wasm is ready while the switch is pressed")
	assert.False(t, eval[bool](v, live), "the takeover waits for the click")
	mouse(input.DispatchMouseEventTypeMouseReleased, 0)
	v.waitTrue(live, "then takes over")
	assert.True(t, eval[bool](v, shadow+`.querySelector("#cc-switch-statistics").checked`), "the click was applied and kept")
	v.click("[data-cc-action=save]")
	choice, _ := v.waitChoice(serverURL)
	assert.True(t, choice.Accepted("statistics"))
}
