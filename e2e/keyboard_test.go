//go:build !js

package e2e

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A visitor who uses only the keyboard: Tab, Shift+Tab, Space, Enter and
// Escape, as real key events.

// press sends one key as the keyboard does (keydown, char, keyup).
func (v *visitor) press(key string) {
	v.t.Helper()
	v.do(chromedp.KeyEvent(key))
}

// pressShiftTab sends Shift+Tab.
func (v *visitor) pressShiftTab() {
	v.t.Helper()
	v.do(chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
}

// focused names the element that has focus, looking into shadow roots:
// "banner:<data-cc-action>", "banner:#<id>" or "banner:.<class>" for ours,
// "page:<tag>#<id>" or "page:<data-cc>" for the page's, "none" when it is
// the document itself.
const focused = `(() => {
	let e = document.activeElement;
	while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
	if (!e || e === document.body || e === document.documentElement) return "none";
	const ours = document.querySelector("cookie-consent");
	if (ours && ours.shadowRoot.contains(e)) {
		if (e.dataset.ccAction) return "banner:" + e.dataset.ccAction;
		if (e.id) return "banner:#" + e.id;
		return "banner:." + e.className;
	}
	if (e.dataset.cc) return "page:" + e.dataset.cc;
	return "page:" + e.tagName.toLowerCase() + (e.id ? "#" + e.id : "");
})()`

// focusRing describes the focus indicator of the focused element: its
// outline style and width in CSS pixels.
const focusRing = `(() => {
	let e = document.activeElement;
	while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
	const s = getComputedStyle(e);
	return s.outlineStyle + " " + parseFloat(s.outlineWidth);
})()`

// The banner's two dialogs, as focused names them: each is a native
// <dialog> that takes focus when it opens.
const (
	panelDialog      = "banner:#cc-panel-dialog"
	firstLayerDialog = "banner:#cc-banner-dialog"
)

// expectFocus checks where focus is, and that a control of the banner with
// focus shows it (the page's own controls are the page's business).
func (v *visitor) expectFocus(want string) {
	v.t.Helper()
	v.waitTrue(focused+` === `+fmt.Sprintf("%q", want), "focus on "+want+" (it is on "+eval[string](v, focused)+")")
	if !strings.HasPrefix(want, "banner:") || want == panelDialog || want == firstLayerDialog {
		return // not ours, or a dialog rather than a control
	}
	var style string
	var width float64
	_, err := fmt.Sscan(eval[string](v, focusRing), &style, &width)
	require.NoError(v.t, err)
	assert.NotEqual(v.t, "none", style, "%s shows a focus ring", want)
	assert.GreaterOrEqual(v.t, width, 2.0, "%s: the focus ring is at least 2 px wide", want)
}

// tabTo presses Tab (or Shift+Tab) and checks where focus lands.
func (v *visitor) tabTo(want string) {
	v.t.Helper()
	v.press(kb.Tab)
	v.expectFocus(want)
}

func (v *visitor) shiftTabTo(want string) {
	v.t.Helper()
	v.pressShiftTab()
	v.expectFocus(want)
}

// TestKeyboardOnly makes each choice with the keyboard alone, starting from a
// page just loaded: the banner comes first in the tab order.
func TestKeyboardOnly(t *testing.T) {
	site := newHostSite(t)
	url := bannerPage(t, site, "/keyboard.html", "", "")
	tests := []struct {
		name  string
		steps func(v *visitor)
		want  map[string]bool
	}{
		{"refuse all", func(v *visitor) {
			v.tabTo("banner:refuse-all")
			v.press(kb.Enter)
		}, map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}},
		{"accept all", func(v *visitor) {
			v.tabTo("banner:refuse-all")
			v.tabTo("banner:accept-all")
			v.press(" ")
		}, map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": true}},
		{"custom choice", func(v *visitor) {
			v.tabTo("banner:refuse-all")
			v.tabTo("banner:accept-all")
			v.tabTo("banner:customize")
			v.shiftTabTo("banner:accept-all")
			v.tabTo("banner:customize")
			v.press(kb.Enter)
			v.waitFor(".cc-panel")
			v.expectFocus(panelDialog)
			// The accessibility tree is read in two steps: go-app taking the
			// prerendered panel over in between would hand over a node gone
			// from the page (panel_test.go proves the takeover keeps focus).
			v.waitTrue(live, "the wasm takes the panel over")
			v.expectFocus(panelDialog)
			v.tabTo("banner:close")
			// The required category's switch is disabled: Tab skips it.
			v.tabTo("banner:#cc-switch-statistics")
			statistics := shadow + `.querySelector("#cc-switch-statistics")`
			node := v.accessible(statistics)
			assert.Equal(v.t, []string{"switch", "Cookies statistiques", "false"}, []string{node.Role, node.Name, node.States["checked"]},
				"a screen reader hears the switch, its label, and that it is off")
			v.press(" ")
			assert.Equal(v.t, "true", v.accessible(statistics).States["checked"], "Space turned it on, and it says so")
			assert.Equal(v.t, "true", v.accessible(shadow + `.querySelector("#cc-switch-necessary")`).States["disabled"])
			v.tabTo("banner:#cc-switch-first_party")
			v.tabTo("banner:#cc-switch-third_party")
			v.press(" ")
			v.shiftTabTo("banner:#cc-switch-first_party")
			v.tabTo("banner:#cc-switch-third_party")
			v.tabTo("banner:refuse-all")
			v.tabTo("banner:accept-all")
			v.tabTo("banner:save")
			assert.True(v.t, eval[bool](v, shadow+`.querySelector("#cc-switch-statistics").checked`), "Space checked the switch")
			v.press(kb.Enter)
		}, map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newVisitor(t)
			v.open(url)
			v.waitFor(".cc-banner")
			v.expectFocus("none")
			layer := v.accessible(shadow + `.querySelector(".cc-banner")`)
			assert.Equal(t, "region", layer.Role, "the first layer is a landmark")
			assert.Equal(t, "Gestion des cookies", layer.Name, "named by its title")
			tt.steps(v)
			choice, _ := v.waitChoice(site.URL)
			assert.Equal(t, tt.want, choice.Categories)
			v.waitTrue(`!`+shadow+`.querySelector(".cc-banner, .cc-panel")`, "the banner closes after the choice")
			// Focus had come from nowhere (the banner is first in the page):
			// it goes to the start of the main content, not to <body>.
			v.expectFocus("page:main#host-main")
			v.tabTo("page:preferences") // and Tab goes on from there
		})
	}
}

// TestPanelIsAModalDialog checks the panel's keyboard contract: focus moves
// into it, Tab and Shift+Tab stay in it, Escape closes it, and focus goes
// back to what opened it: the first layer's button, or the page's
// data-cc="preferences" link.
func TestPanelIsAModalDialog(t *testing.T) {
	site := newHostSite(t)
	// The page counts the Escape keys it receives: the panel's are not for it.
	url := bannerPage(t, site, "/dialog.html", "", `<script>window.pageEscapes = 0;
		document.addEventListener("keydown", (e) => { if (e.key === "Escape") pageEscapes++; });</script>`)

	t.Run("opened from the first layer", func(t *testing.T) {
		v := newVisitor(t)
		v.open(url)
		v.waitFor(".cc-banner")
		v.tabTo("banner:refuse-all")
		v.tabTo("banner:accept-all")
		v.tabTo("banner:customize")
		v.press(kb.Enter)
		v.waitFor(".cc-panel")
		v.expectFocus(panelDialog)
		panel := v.accessible(shadow + `.querySelector("dialog")`)
		assert.Equal(t, "dialog", panel.Role)
		assert.Equal(t, "Préférences des cookies", panel.Name, "named by its title")
		assert.Equal(t, "true", panel.States["modal"])
		v.shiftTabTo("banner:save") // from the dialog itself, back to its last control
		v.tabTo("banner:close")
		v.shiftTabTo("banner:save") // from the first control to the last
		v.tabTo("banner:close")
		v.tabTo("banner:#cc-switch-statistics")

		v.press(kb.Escape)
		v.waitFor(".cc-banner")
		assert.False(t, v.visible(".cc-panel"), "Escape closes the panel")
		assert.Zero(t, eval[int](v, `pageEscapes`), "the page's own Escape handler did not see the panel's Escape")
		v.expectFocus("banner:customize")
		assert.Nil(t, v.consentCookie(site.URL), "closing the panel is no choice: the first layer is back")
	})

	t.Run("opened from the page's link", func(t *testing.T) {
		v := newVisitor(t)
		v.open(url)
		v.waitFor(".cc-banner")
		v.tabTo("banner:refuse-all")
		v.press(kb.Enter)
		v.waitChoice(site.URL)
		v.waitTrue(`!`+shadow+`.querySelector(".cc-banner")`, "the first layer closes")

		// From the top of the page, Tab reaches the footer's link.
		v.do(chromedp.Reload())
		v.waitReturning()
		v.tabTo("page:preferences")
		v.press(kb.Enter)
		v.waitFor(".cc-panel")
		v.expectFocus(panelDialog)
		v.tabTo("banner:close") // "Fermer" comes first
		v.tabTo("banner:#cc-switch-statistics")
		v.shiftTabTo("banner:close")
		v.shiftTabTo("banner:save") // from the first control to the last
		v.press(kb.Escape)
		v.waitTrue(`!`+shadow+`.querySelector(".cc-panel")`, "Escape closes the panel")
		v.expectFocus("page:preferences")

		// Again, and this time a choice: focus comes back to the link too.
		v.press(kb.Enter)
		v.waitFor(".cc-panel")
		v.tabTo("banner:close")
		v.tabTo("banner:#cc-switch-statistics")
		v.press(" ")
		for _, next := range []string{"#cc-switch-first_party", "#cc-switch-third_party", "refuse-all", "accept-all", "save"} {
			v.tabTo("banner:" + next)
		}
		v.press(kb.Enter)
		v.waitTrue(`!`+shadow+`.querySelector(".cc-panel")`, "saving closes the panel")
		v.expectFocus("page:preferences")
		v.waitTrue(`cookieConsent.accepted("statistics")`, "the new choice is stored")
		choice, _ := v.waitChoice(site.URL)
		assert.True(t, choice.Accepted("statistics"))
	})
}

// TestModalFirstLayerHoldsFocus checks the modal layout: its first layer is a
// modal dialog that takes focus at once and keeps it until the visitor
// answers; Escape does not dismiss it.
func TestModalFirstLayerHoldsFocus(t *testing.T) {
	site := newHostSite(t)
	v := newVisitor(t)
	v.open(bannerPage(t, site, "/modal.html", ` data-layout="modal"`, ""))
	v.waitFor(".cc-banner")
	layer := v.accessible(shadow + `.querySelector("dialog")`)
	assert.Equal(t, []string{"dialog", "Gestion des cookies", "true"}, []string{layer.Role, layer.Name, layer.States["modal"]})
	assert.True(t, eval[bool](v, shadow+`.querySelector("dialog").matches(":modal")`), "opened with showModal()")
	v.expectFocus(firstLayerDialog)
	v.tabTo("banner:refuse-all")
	v.shiftTabTo("banner:customize")
	v.tabTo("banner:refuse-all")
	v.press(kb.Escape)
	v.expectFocus("banner:refuse-all")
	assert.True(t, v.visible(".cc-banner"), "Escape does not dismiss the first layer")
	v.tabTo("banner:accept-all")
	v.tabTo("banner:customize")
	v.press(kb.Enter)
	v.waitFor(".cc-panel")
	v.press(kb.Escape)
	v.waitFor(".cc-banner")
	v.expectFocus("banner:customize")
	v.tabTo("banner:refuse-all")
	v.press(" ")
	choice, _ := v.waitChoice(site.URL)
	assert.False(t, choice.Accepted("statistics"))
	v.expectFocus("page:main#host-main")
}

// clickBackdrop clicks the top left corner of the viewport: the backdrop of
// an open dialog.
func (v *visitor) clickBackdrop() {
	v.t.Helper()
	v.do(chromedp.MouseClickXY(3, 3))
}

// TestDialogsHoldFocus checks what a native modal dialog guarantees, on the
// panel and on the modal first layer: a click on the backdrop leaves focus
// in the dialog (not on <body>, where Escape would do nothing), a page
// script's focus() cannot take it out, and Tab stays inside.
func TestDialogsHoldFocus(t *testing.T) {
	site := newHostSite(t)

	t.Run("panel", func(t *testing.T) {
		v := newVisitor(t)
		v.open(bannerPage(t, site, "/hold-panel.html", "", ""))
		v.waitFor(".cc-banner")
		v.tabUntil("page:preferences", 10)
		v.press(kb.Enter)
		v.waitFor(".cc-panel")
		v.expectFocus(panelDialog)
		v.tabTo("banner:close")
		v.clickBackdrop()
		v.expectFocus(panelDialog)
		v.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("footer a").focus()`))
		assert.Equal(t, panelDialog, eval[string](v, focused), "a page script cannot focus the inert page")
		v.tabTo("banner:close")
		v.press(kb.Escape)
		v.waitTrue(`!`+shadow+`.querySelector(".cc-panel")`, "Escape closes the panel")
		v.expectFocus("page:preferences")
		assert.Nil(t, v.consentCookie(site.URL), "nothing stored")
	})

	t.Run("modal first layer", func(t *testing.T) {
		v := newVisitor(t)
		v.open(bannerPage(t, site, "/hold-modal.html", ` data-layout="modal"`, ""))
		v.waitFor(".cc-banner")
		v.expectFocus(firstLayerDialog)
		v.tabTo("banner:refuse-all")
		v.clickBackdrop()
		v.expectFocus(firstLayerDialog)
		v.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("footer a").focus()`))
		assert.Equal(t, firstLayerDialog, eval[string](v, focused), "a page script cannot focus the inert page")
		v.press(kb.Escape)
		assert.True(t, v.visible(".cc-banner"), "Escape does not dismiss the first layer")
		assert.True(t, eval[bool](v, shadow+`.querySelector("dialog").matches(":modal")`), "it is still a modal dialog")
		v.tabTo("banner:refuse-all")
		v.tabTo("banner:accept-all")
		v.tabTo("banner:customize")
		v.tabTo("banner:refuse-all") // round
	})
}

// TestPanelCloseControl checks the panel's close control, visible on every
// visit: on a first visit it goes back to the first layer and stores
// nothing; with a stored choice it closes the panel. Its accessible name
// says which.
func TestPanelCloseControl(t *testing.T) {
	site := newHostSite(t)
	url := bannerPage(t, site, "/close.html", "", "")
	v := newVisitor(t)
	v.open(url)
	v.waitFor(".cc-banner")
	v.tabUntil("banner:customize", 5)
	v.press(kb.Enter)
	v.waitFor(".cc-panel")
	v.tabTo("banner:close")
	closeButton := shadow + `.querySelector("[data-cc-action=close]")`
	assert.Equal(t, "Fermer sans enregistrer et revenir au bandeau", v.accessible(closeButton).Name)
	assert.Equal(t, "Fermer", eval[string](v, closeButton+`.innerText`), "it shows its label")
	assert.True(t, eval[bool](v, `(() => { const r = `+closeButton+`.getBoundingClientRect(); return r.width >= 24 && r.height >= 24 && r.top >= 0; })()`),
		"it is on screen, big enough for a finger (WCAG 2.5.8)")
	v.press(kb.Enter)
	v.waitFor(".cc-banner")
	assert.False(t, v.visible(".cc-panel"))
	v.expectFocus("banner:customize")
	assert.Nil(t, v.consentCookie(site.URL), "nothing stored")

	// With a stored choice, by touch.
	v.shiftTabTo("banner:accept-all")
	v.shiftTabTo("banner:refuse-all")
	v.press(kb.Enter)
	v.waitChoice(site.URL)
	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show()`))
	v.waitFor(".cc-panel")
	assert.Equal(t, "Fermer les préférences", v.accessible(closeButton).Name)
	v.tap("[data-cc-action=close]")
	v.waitTrue(`!`+shadow+`.querySelector(".cc-panel")`, "a tap on the close control closes the panel")
	v.expectFocus("page:main#host-main") // show() came from a script: nothing had focus
}

// TestFocusGoesBackWhereItWas: a keyboard user on the page goes back into
// the banner (Shift+Tab: it is first in the page) and answers; focus goes
// back to the page's element it came from.
//
// In the modal layout the first layer takes focus from the page's search
// field, which the page focused as it loaded; after the choice it is back.
func TestFocusGoesBackWhereItWas(t *testing.T) {
	site := newHostSite(t)

	t.Run("bar", func(t *testing.T) {
		v := newVisitor(t)
		v.open(bannerPage(t, site, "/back.html", "", ""))
		v.waitFor(".cc-banner")
		v.tabUntil("page:preferences", 10)
		v.shiftTabTo("banner:customize")
		v.shiftTabTo("banner:accept-all")
		v.press(kb.Enter)
		v.waitChoice(site.URL)
		v.expectFocus("page:preferences")
	})

	t.Run("modal", func(t *testing.T) {
		site.page("/back-modal.html", embedPage(t, "/back-modal.html", ` lang="fr"`,
			`<script src="{{SERVER}}/consent.js" defer data-layout="modal"></script>`,
			`<input id="search" aria-label="Rechercher"><script>document.getElementById("search").focus();</script>`))
		v := newVisitor(t)
		v.open(site.URL + "/back-modal.html")
		v.waitFor(".cc-banner")
		v.expectFocus(firstLayerDialog)
		v.tabTo("banner:refuse-all")
		v.press(kb.Enter)
		v.waitChoice(site.URL)
		v.expectFocus("page:input#search")
	})
}

// TestSwitchFocusRingIsDrawnWhole: a switch of the prerendered panel sits
// at the edge of its category, which is drawn only near the screen
// (content-visibility: auto, so clipped to its box); its focus ring, drawn
// outside the switch, must still show on every side.
func TestSwitchFocusRingIsDrawnWhole(t *testing.T) {
	v := newVisitor(t)
	v.emulateWidth(1280, 713, 1)
	v.holdWasm()
	v.open(serverURL + "/")
	v.waitFor(".cc-banner")
	v.tabUntil("banner:customize", 10)
	v.press(kb.Enter)
	v.expectFocus(panelDialog)
	v.tabUntil("banner:#cc-switch-statistics", 20)
	ring := eval[[]float64](v, `(() => { const s = `+shadow+`.querySelector("#cc-switch-statistics"); s.scrollIntoView({block: "center"});
		const r = s.getBoundingClientRect(); const c = getComputedStyle(s).outlineColor.match(/\d+/g).map(Number);
		return [r.left, r.right, r.top, r.bottom, c[0], c[1], c[2]]; })()`)
	v.settle()
	res, err := chromedp.Call(v.ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{FromSurface: ptr(true)})
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(res.Data))
	require.NoError(t, err)
	// The ring is 3 px wide, 2 px away from the switch: 3.5 px out is in it.
	mid := int((ring[2] + ring[3]) / 2)
	for side, x := range map[string]float64{"left": ring[0] - 3.5, "right": ring[1] + 3.5} {
		r, g, b, _ := img.At(int(x), mid).RGBA()
		got := []float64{float64(r >> 8), float64(g >> 8), float64(b >> 8)}
		for i := range got {
			assert.InDelta(t, ring[4+i], got[i], 40, "the focus ring shows on the %s of the switch (colour %v, drawn %v)", side, ring[4:], got)
		}
	}
}
