//go:build !js

package e2e

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/consent"
)

// look is what a visitor sees of one element of the banner.
type look struct {
	FontSize, FontFamily, FontWeight, FontStyle string
	LineHeight, LetterSpacing, TextTransform    string
	Display, Visibility, Opacity                string
	Background, Color, Border                   string
	W, H                                        float64
}

// bannerLooks returns the computed look of the first layer's title and
// buttons.
func bannerLooks(v *visitor) map[string]look {
	v.t.Helper()
	return eval[map[string]look](v, `(() => {
		const root = `+shadow+`;
		const pick = (sel) => {
			const e = root.querySelector(sel); const s = getComputedStyle(e); const r = e.getBoundingClientRect();
			return {FontSize: s.fontSize, FontFamily: s.fontFamily, FontWeight: s.fontWeight, FontStyle: s.fontStyle,
				LineHeight: s.lineHeight, LetterSpacing: s.letterSpacing, TextTransform: s.textTransform,
				Display: s.display, Visibility: s.visibility, Opacity: s.opacity,
				Background: s.backgroundColor, Color: s.color, Border: s.border, W: r.width, H: r.height};
		};
		return {title: pick(".cc-title"), text: pick(".cc-text"), refuse: pick("[data-cc-action=refuse-all]"),
			accept: pick("[data-cc-action=accept-all]"), customize: pick("[data-cc-action=customize]")};
	})()`)
}

// TestHostPageIsNeverDisturbed embeds the banner, from another origin, in a
// portal page that has its own content, window handlers, links, scroll
// position, globals and hostile CSS, and checks that the banner takes nothing
// from it: PRODUCT.md, "The host page is never disturbed".
func TestHostPageIsNeverDisturbed(t *testing.T) {
	site := newHostSite(t)
	source := strings.TrimRight(testdata(t, "isolation.html"), "\n")
	site.page("/isolation.html", source)
	site.page("/other.html", testdata(t, "other.html"))
	hostURL := site.URL + "/isolation.html"

	v := newVisitor(t)

	// The reference: the banner on the plain demo page.
	v.open(serverURL + "/")
	v.waitFor(".cc-banner")
	want := bannerLooks(v)

	v.open(hostURL + "#target")
	v.waitFor(".cc-banner")

	t.Run("scroll position", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		atLoad := eval[float64](v, `hostScroll.atLoad`)
		assert.Greater(t, atLoad, 0.0, "the browser scrolled to #target on load")
		assert.Equal(t, atLoad, eval[float64](v, `scrollY`), "the banner did not scroll the page")
		assert.True(t, eval[bool](v, `(() => { const r = document.getElementById("target").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`),
			"#target is still in view")
	})

	t.Run("content and elements", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		served := regexp.MustCompile(`(?s)<main id="host-main">.*?</main>`).FindString(source)
		require.NotEmpty(t, served)
		assert.Equal(t, served, eval[string](v, `hostSnapshot.main`), "the snapshot is the page as served")
		assert.Equal(t, served, eval[string](v, `document.getElementById("host-main").outerHTML`), "the page's main content is untouched")
		// The banner goes first in <body>, so that keyboard and screen reader
		// users meet it first: the page's elements keep their order after it.
		assert.Equal(t, "COOKIE-CONSENT", eval[string](v, `document.body.firstElementChild.tagName`))
		assert.Equal(t, "host-main", eval[string](v, `document.body.firstElementChild.nextElementSibling.id`),
			"the page's first element is still there, right after ours (go-app did not replace it)")

		before := eval[[]string](v, `hostSnapshot.elements`)
		after := eval[[]string](v, `Array.from(document.querySelectorAll("*"), (e) => e.tagName + (e.id ? "#" + e.id : ""))`)
		body := slices.Index(before, "BODY")
		require.GreaterOrEqual(t, body, 0)
		assert.Equal(t, slices.Insert(slices.Clone(before), body+1, "COOKIE-CONSENT"), after,
			"the only new element is <cookie-consent>, first in <body>")

		type mutation struct {
			Type, Target, Attribute string
			Added, Removed          []string
		}
		assert.Equal(t, []mutation{{Type: "childList", Target: "BODY", Added: []string{"COOKIE-CONSENT"}, Removed: []string{}}},
			eval[[]mutation](v, `hostSnapshot.mutations`), "one change to the page: our host added to <body>")

		assert.Equal(t, eval[string](v, `hostSnapshot.hostCC`),
			eval[string](v, `(s => [s.position, s.backgroundColor, s.fontWeight, s.fontSize, s.fontFamily, s.padding].join("|"))(getComputedStyle(document.getElementById("host-cc")))`),
			"the banner's CSS does not reach the page's elements, even with the same class names")
		assert.Equal(t, "none", eval[string](v, `getComputedStyle(document.getElementById("host-button")).display`),
			"the page's own rules still apply to the page")
	})

	t.Run("globals", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		added := eval[[]string](v, `Object.getOwnPropertyNames(window).filter((n) => !hostSnapshot.globals.includes(n))`)
		assert.Equal(t, []string{"cookieConsent"}, added, "the public API is the only global left behind")
		removed := eval[[]string](v, `hostSnapshot.globals.filter((n) => !(n in window))`)
		assert.Empty(t, removed, "no global of the page was removed")
	})

	t.Run("no service worker", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		require.True(t, eval[bool](v, `"serviceWorker" in navigator`), "localhost is a secure context: service workers are available")
		n, err := chromedp.Run(v.ctx, chromedp.Evaluate[int](`navigator.serviceWorker.getRegistrations().then((r) => r.length)`, chromedp.EvalAwaitPromise))
		require.NoError(t, err)
		assert.Zero(t, n, "no service worker is registered")
		assert.True(t, eval[bool](v, `navigator.serviceWorker.controller === null`))
	})

	t.Run("the banner ignores the page's CSS", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		got := bannerLooks(v)
		assert.Equal(t, want, got, "the banner looks the same as on the demo page")
		for _, name := range []string{"refuse", "accept", "customize"} {
			assert.NotEqual(t, "none", got[name].Display, "%s: the page's button{display:none} does not hide it", name)
			assert.Greater(t, got[name].H, 0.0, "%s is visible", name)
			assert.NotEqual(t, "40px", got[name].FontSize, "%s: the page's *{font-size:40px} does not enlarge it", name)
		}
	})

	t.Run("window handlers", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		for _, h := range []string{"onclick", "onpopstate", "onresize"} {
			assert.True(t, eval[bool](v, `window.`+h+` === hostHandlers.`+h), "window.%s is still the page's", h)
		}

		v.clickPage("#host-para")
		v.waitTrue(`hostCounts.click === 1`, "the page's window.onclick runs on a real click")

		hash := eval[string](v, `location.hash`)
		v.do(chromedp.Evaluate[chromedp.Void](`history.pushState({}, "", "#pushed"); history.back()`))
		v.waitTrue(`hostCounts.popstate === 1`, "the page's window.onpopstate runs on history.back()")
		assert.Equal(t, hash, eval[string](v, `location.hash`))

		v.do(chromedp.EmulateViewport(1000, 700))
		v.waitTrue(`hostCounts.resize >= 1`, "the page's window.onresize runs when the viewport changes")
		v.do(chromedp.ResetViewport())
	})

	t.Run("the cookie belongs to the page", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		v.click("[data-cc-action=refuse-all]")
		choice, _ := v.waitChoice(site.URL)
		assert.Equal(t, map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}, choice.Categories)
		assert.Nil(t, v.consentCookie(serverURL), "no cookie on the consent server's host")
		assert.Contains(t, eval[string](v, `document.cookie`), consent.CookieName+"=", "the page itself can read its cookie")

		v.clickPage(`a[data-cc="preferences"]`)
		v.waitFor(".cc-panel")
		assert.Equal(t, hostURL+"#target", eval[string](v, `location.href`), "the footer link does not navigate")
		v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.hide()`))
		v.waitTrue(`!document.querySelector("cookie-consent").shadowRoot.querySelector(".cc-panel")`, "the panel closes")
	})

	t.Run("links", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		history := eval[int](v, `history.length`)
		v.clickPage("#prevented")
		v.waitTrue(`hostCounts.prevented === 1`, "the page's click handler ran")
		time.Sleep(300 * time.Millisecond) // a navigation, if any, would have started
		assert.Equal(t, hostURL+"#target", eval[string](v, `location.href`), "a link whose click is prevented does not navigate")
		assert.Equal(t, history, eval[int](v, `history.length`), "nor push a history entry")

		box := eval[[]float64](v, `(() => { const e = document.getElementById("same"); e.scrollIntoView({block: "center"});
			const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`)
		ctx, cancel := context.WithTimeout(v.ctx, 10*time.Second)
		defer cancel()
		_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.MouseClickXY(box[0], box[1])))
		require.NoError(t, err, "a same-origin link loads its page")
		assert.Equal(t, "Autre page du portail", eval[string](v, `document.title`))
		assert.Equal(t, site.URL+"/other.html", eval[string](v, `performance.getEntriesByType("navigation")[0].name`),
			"a new document was loaded, not a history.pushState")
		assert.Equal(t, 1, site.hitCount("/other.html"))
	})
}
