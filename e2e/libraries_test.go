//go:build !js

package e2e

import (
	"mime"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Real host pages built from pinned, unmodified npm packages (package.json's
// devDependencies, installed by npm ci): Bootstrap 5.3 (navbar, dropdown,
// accordion, modal), a11y-dialog 8 (a modal with its own focus trap) and a
// Vue 3 single-page app with vue-router 4. A visitor uses the keyboard only.

// npmFiles are the packages' files the pages load, served from node_modules
// as the packages ship them.
var npmFiles = []string{
	"bootstrap/dist/css/bootstrap.min.css",
	"bootstrap/dist/js/bootstrap.bundle.min.js",
	"a11y-dialog/dist/a11y-dialog.min.js",
	"vue/dist/vue.global.prod.js",
	"vue-router/dist/vue-router.global.prod.js",
}

// libraryPages serves the three portals on a site of their own, with the
// banner, or without it (banner false: the reference looks), and returns
// the site.
func libraryPages(t *testing.T, banner bool) *hostSite {
	t.Helper()
	site := newHostSite(t)
	for _, f := range npmFiles {
		body, err := os.ReadFile(filepath.Join("..", "node_modules", filepath.FromSlash(f)))
		require.NoError(t, err, "node_modules/%s: run npm ci", f)
		site.serve("/npm/"+f, hostFile{contentType: mime.TypeByExtension(path.Ext(f)), body: string(body)})
	}
	site.script("/libraries.js", testdata(t, "libraries/libraries.js"))
	site.script("/vue-app.js", testdata(t, "libraries/vue-app.js"))
	tag := ""
	if banner {
		tag = `<script src="{{SERVER}}/consent.js" defer></script>`
	}
	for route, file := range map[string]string{
		"/bootstrap.html":   "bootstrap.html",
		"/a11y-dialog.html": "a11y-dialog.html",
		"/vue/":             "vue.html",
		"/vue/about":        "vue.html", // the router's other route, loaded directly
	} {
		html := testdata(t, "libraries/"+file)
		site.page(route, strings.Replace(html, "{{TAG}}", tag, 1))
	}
	return site
}

// tabUntil presses Tab until focus is on want (as focused names it), as a
// keyboard user goes through a page; it fails after max presses.
func (v *visitor) tabUntil(want string, max int) {
	v.t.Helper()
	for range max {
		v.press(kb.Tab)
		if eval[string](v, focused) == want {
			return
		}
	}
	require.Failf(v.t, "Tab never reached "+want, "after %d presses focus is on %s", max, eval[string](v, focused))
}

// refuseFromTheFirstLayer answers the first layer with the keyboard: it is
// first in the tab order. Focus then goes to the start of the main content.
func (v *visitor) refuseFromTheFirstLayer(site string) {
	v.t.Helper()
	v.waitFor(".cc-banner")
	v.tabUntil("banner:refuse-all", 40)
	v.press(kb.Enter)
	choice, _ := v.waitChoice(site)
	assert.False(v.t, choice.Accepted("statistics"))
	v.expectFocus("page:main#host-main")
}

// TestPanelFromInsideTheLibrarysModal opens the panel from a
// data-cc="preferences" link inside the library's open modal: the panel
// takes focus and keeps it (the library's focus trap cannot pull it back
// into its covered modal, nor can a page script), the first Escape closes
// the panel only, and focus goes back to the link, then, with the library's
// own Escape, to the library's opener.
func TestPanelFromInsideTheLibrarysModal(t *testing.T) {
	site := libraryPages(t, true)
	for _, page := range []string{"/bootstrap.html", "/a11y-dialog.html"} {
		t.Run(page, func(t *testing.T) {
			v := newVisitor(t)
			v.open(site.URL + page)
			v.waitFor(".cc-banner")
			v.waitTrue(`typeof hostModal === "object"`, "the page's scripts ran")

			v.tabUntil("page:button#open-modal", 40)
			v.press(kb.Enter)
			v.waitTrue(`hostModal.isOpen() && hostModal.el.contains(document.activeElement)`, "the library's modal opens and takes focus")
			v.tabUntil("page:preferences", 5)
			v.press(kb.Enter)
			v.waitFor(".cc-panel")
			v.expectFocus(panelDialog)
			v.tabTo("banner:close")
			v.tabTo("banner:#cc-switch-statistics")
			v.shiftTabTo("banner:close")
			v.shiftTabTo("banner:save") // round, never into the library's modal
			assert.True(t, eval[bool](v, `hostModal.isOpen()`), "the library's modal is still open behind the panel")

			// A page script's focus() cannot take focus out either.
			v.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("modal-close").focus(); document.getElementById("footer-prefs").focus()`))
			assert.Equal(t, "banner:save", eval[string](v, focused), "the page behind the panel is inert")
			v.tabTo("banner:close")

			v.press(kb.Escape)
			v.waitTrue(`!`+shadow+`.querySelector(".cc-panel")`, "Escape closes the panel")
			v.expectFocus("page:preferences")
			assert.Equal(t, "modal-prefs", eval[string](v, `document.activeElement.id`), "back on the link inside the library's modal")
			assert.True(t, eval[bool](v, `hostModal.isOpen()`), "the same Escape did not close the library's modal")
			v.press(kb.Escape)
			v.waitTrue(`!hostModal.isOpen()`, "the library's Escape closes its modal")
			v.expectFocus("page:button#open-modal")
			assert.Nil(t, v.consentCookie(site.URL), "nothing was stored")
			assert.Empty(t, eval[[]string](v, `hostErrors`))
		})
	}
}

// TestLibraryOpensItsModalOverThePanel: the page opens its modal (from a
// script) while our panel is open. The panel stays on top with focus; focus
// never lands in the covered modal. Once the panel closes, the library's
// modal, uncovered, has focus.
func TestLibraryOpensItsModalOverThePanel(t *testing.T) {
	site := libraryPages(t, true)
	for _, page := range []string{"/bootstrap.html", "/a11y-dialog.html"} {
		t.Run(page, func(t *testing.T) {
			v := newVisitor(t)
			v.open(site.URL + page)
			v.waitFor(".cc-banner")
			v.waitTrue(`typeof hostModal === "object"`, "the page's scripts ran")
			v.tabUntil("page:preferences", 40)
			v.press(kb.Enter)
			v.waitFor(".cc-panel")
			v.expectFocus(panelDialog)
			v.tabTo("banner:close")

			v.do(chromedp.Evaluate[chromedp.Void](`hostModal.open()`))
			v.waitTrue(`hostModal.isOpen()`, "the library opened its modal")
			assert.Equal(t, "banner:close", eval[string](v, focused), "focus stayed in the panel")
			assert.False(t, eval[bool](v, `hostModal.el.contains(document.activeElement)`), "not in the covered modal")
			v.tabTo("banner:#cc-switch-statistics")
			v.shiftTabTo("banner:close")
			v.shiftTabTo("banner:save")

			v.press(kb.Escape)
			v.waitTrue(`!`+shadow+`.querySelector(".cc-panel")`, "Escape closes the panel")
			v.waitTrue(`hostModal.el.contains(document.activeElement)`, "the library's modal, now on top, has focus")
			v.press(kb.Escape)
			v.waitTrue(`!hostModal.isOpen()`, "and closes with its own Escape")
			assert.Empty(t, eval[[]string](v, `hostErrors`))
		})
	}
}

// TestLibraryWidgetsStillWork drives the libraries' own widgets with the
// keyboard, before and after a choice: Bootstrap's dropdown, accordion and
// modal, a11y-dialog's modal, and vue-router's links (history mode) with a
// reactive counter.
func TestLibraryWidgetsStillWork(t *testing.T) {
	site := libraryPages(t, true)
	bootstrap := func(v *visitor) {
		v.tabUntil("page:button#dd-toggle", 40)
		v.press(kb.Enter)
		v.waitTrue(`document.querySelector(".dropdown-menu").classList.contains("show")`, "the dropdown opens")
		v.press(kb.ArrowDown)
		v.expectFocus("page:a#dd-item")
		v.press(kb.Escape)
		v.waitTrue(`!document.querySelector(".dropdown-menu").classList.contains("show")`, "Escape closes the dropdown")
		v.expectFocus("page:button#dd-toggle")

		v.tabUntil("page:button#acc-btn", 10)
		v.press(kb.Enter)
		v.waitTrue(`document.getElementById("acc-one").classList.contains("show") && document.getElementById("acc-btn").getAttribute("aria-expanded") === "true"`, "the accordion opens")
		v.press(kb.Enter)
		v.waitTrue(`!document.getElementById("acc-one").classList.contains("show") && !document.getElementById("acc-one").classList.contains("collapsing")`, "and closes")

		v.shiftTabTo("page:button#open-modal")
		modal(v)
	}
	tests := []struct {
		page   string
		before func(v *visitor) // before the banner is answered; the page's state is as loaded
		after  func(v *visitor) // the same, once answered
	}{
		{"/bootstrap.html", bootstrap, bootstrap},
		{"/a11y-dialog.html", func(v *visitor) {
			v.tabUntil("page:button#open-modal", 40)
			modal(v)
		}, func(v *visitor) {
			v.tabUntil("page:button#open-modal", 40)
			modal(v)
		}},
		{"/vue/", func(v *visitor) { router(v) }, func(v *visitor) { router(v) }},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			v := newVisitor(t)
			v.open(site.URL + tt.page)
			v.waitFor(".cc-banner")
			tt.before(v)
			v.refuseFromTheFirstLayer(site.URL)
			tt.after(v)
			assert.Empty(t, eval[[]string](v, `typeof hostErrors === "undefined" ? [] : hostErrors`))
		})
	}
}

// modal opens the library's modal from its opener (focused), checks it took
// focus, and closes it with Escape: focus is back on the opener.
func modal(v *visitor) {
	v.t.Helper()
	v.expectFocus("page:button#open-modal")
	v.press(kb.Enter)
	v.waitTrue(`hostModal.isOpen() && hostModal.el.contains(document.activeElement)`, "the library's modal opens with focus")
	v.press(kb.Escape)
	v.waitTrue(`!hostModal.isOpen()`, "Escape closes it")
	v.expectFocus("page:button#open-modal")
}

// router follows the app's links with the keyboard: the route changes
// without a page load, and the counter still counts.
func router(v *visitor) {
	v.t.Helper()
	v.waitTrue(`document.querySelector("#host-main h1") !== null`, "the app is mounted")
	v.do(chromedp.Evaluate[chromedp.Void](`window.hostSameDocument = true`)) // a page load would forget it
	v.tabUntil("page:a#to-about", 40)
	v.press(kb.Enter)
	v.waitTrue(`location.pathname === "/vue/about" && document.querySelector("#host-main h1").textContent === "À propos du portail"`, "the router shows the about page")
	v.shiftTabTo("page:a#to-home")
	v.press(kb.Enter)
	v.waitTrue(`location.pathname === "/vue/" && document.querySelector("#host-main h1").textContent === "Accueil du portail Vue"`, "and the home page again")
	v.tabUntil("page:button#count", 10)
	v.press(kb.Enter)
	v.waitTrue(`document.querySelector("#host-main p").textContent === "Jeux consultés : 1"`, "the app reacts")
	assert.True(v.t, eval[bool](v, `window.hostSameDocument === true`), "no page load: the same document all along")
}

// pageLooks returns, for each of the page's elements, the computed styles a
// banner's CSS could change, and its box.
func pageLooks(v *visitor, selectors []string) map[string]string {
	v.t.Helper()
	list := `["` + strings.Join(selectors, `", "`) + `"]`
	return eval[map[string]string](v, `(() => {
		const props = ["font-family", "font-size", "font-weight", "line-height", "color", "background-color", "margin", "padding",
			"border", "display", "position", "visibility", "opacity", "text-transform", "letter-spacing", "box-sizing", "outline"];
		const out = {};
		for (const sel of `+list+`) {
			const e = document.querySelector(sel);
			if (!e) { out[sel] = "missing"; continue; }
			const s = getComputedStyle(e);
			const r = e.getBoundingClientRect();
			out[sel] = props.map((p) => p + ":" + s.getPropertyValue(p)).join(";") + ";box:" + [r.x, r.y, r.width, r.height].join(",");
		}
		return out;
	})()`)
}

// TestStyleIsolationWithLibraries compares computed styles both ways: the
// page's elements look the same with and without the banner (first layer,
// then panel open), and the banner looks the same on each library's page as
// on the plain demo page.
func TestStyleIsolationWithLibraries(t *testing.T) {
	site := libraryPages(t, true)
	plainSite := libraryPages(t, false)
	v := newVisitor(t)
	v.open(serverURL + "/")
	v.waitFor(".cc-banner")
	want := bannerLooks(v)

	tests := []struct {
		page      string
		selectors []string
	}{
		{"/bootstrap.html", []string{"body", "nav.navbar", ".navbar-brand", "#dd-toggle", "h1", "main p", "#open-modal", "#acc-btn", ".accordion-item", "footer a"}},
		{"/a11y-dialog.html", []string{"body", "h1", "main p", "#open-modal", "footer a"}},
		{"/vue/", []string{"body", "nav", "#to-home", "h1", "main p", "#count", "footer a"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			v := newVisitor(t)
			v.open(plainSite.URL + tt.page)
			v.waitTrue(`document.readyState === "complete" && document.querySelector("h1") !== null`, "the plain page loaded")
			plain := pageLooks(v, tt.selectors)

			v.open(site.URL + tt.page)
			v.waitFor(".cc-banner")
			v.settle()
			assert.Equal(t, plain, pageLooks(v, tt.selectors), "the first layer changes nothing on the page")
			assert.Equal(t, want, bannerLooks(v), "the page's CSS changes nothing in the banner")

			v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show()`))
			v.waitFor(".cc-panel")
			assert.Equal(t, plain, pageLooks(v, tt.selectors), "nor does the open panel")
			assert.Equal(t, "rgb(0, 0, 145)", eval[string](v, `getComputedStyle(`+shadow+`.querySelector(".cc-panel [data-cc-action=accept-all]")).backgroundColor`),
				"the panel keeps the theme's colours")
		})
	}
}
