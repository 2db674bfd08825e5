//go:build !js

package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gatedSite serves testdata/gated.html at path, embedding the consent server
// at server, with its slow external script, its frame and its pixel.
func gatedSite(t *testing.T, server string, paths ...string) *hostSite {
	t.Helper()
	site := newHostSite(t)
	addGatedPages(t, site, server, testdata(t, "gated.html"), paths...)
	return site
}

// addGatedPages serves html (testdata/gated.html or a variant of it) at
// paths on site, embedding the consent server at server, with the slow
// external script, the frame and the pixel it gates.
func addGatedPages(t *testing.T, site *hostSite, server, html string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		site.pageFor(p, html, server)
	}
	// B arrives after C is parsed: C must still run after it.
	site.slowScript("/slow-b.js", `order.push("B");`, 300*time.Millisecond)
	site.page("/frame.html", `<!doctype html><title>Carte</title><p id="map">carte</p>`)
	site.serve("/pixel.svg", hostFile{contentType: "image/svg+xml", body: `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`})
}

// event is one DOM event the page recorded.
type event struct {
	Type   string `json:"type"`
	Detail struct {
		Choice  *choiceJSON `json:"choice"`
		Changed []string    `json:"changed"`
		ID      string      `json:"id"`
	} `json:"detail"`
}

type choiceJSON struct {
	ID         string          `json:"id"`
	Rev        int             `json:"rev"`
	Categories map[string]bool `json:"categories"`
}

const notice = `document.querySelector("cookie-consent-notice")`

// TestGatedElementsWaitForTheirCategory follows a visitor who refuses, then
// accepts statistics through the page's own control, then third-party
// content from the blocked frame's notice, then comes back.
func TestGatedElementsWaitForTheirCategory(t *testing.T) {
	site := gatedSite(t, serverURL, "/gated.html")
	v := newVisitor(t)
	v.open(site.URL + "/gated.html")
	v.waitFor(".cc-banner")

	// Before any choice: nothing gated runs, loads or is even fetched.
	assert.Empty(t, eval[[]string](v, `order`))
	assert.Zero(t, site.hitCount("/slow-b.js"), "a blocked external script is not fetched")
	assert.Zero(t, site.hitCount("/frame.html"))
	assert.Zero(t, site.hitCount("/pixel.svg"))
	assert.False(t, eval[bool](v, `document.querySelector("iframe").hasAttribute("src")`))
	assert.Contains(t, eval[string](v, notice+`.shadowRoot.textContent`), "Cookies tiers",
		"the blocked frame's notice names its category")
	assert.Equal(t, "none", eval[string](v, `document.querySelector("iframe").style.display`), "the empty frame is hidden behind its notice")
	assert.Equal(t, 400.0, eval[float64](v, notice+`.getBoundingClientRect().width`), "the notice takes the frame's place")
	assert.Equal(t, map[string]any{"accepted": false, "choice": nil}, eval[map[string]any](v, `early`),
		"the API answered before the banner was live")
	events := eval[[]event](v, `events`)
	require.Len(t, events, 1)
	assert.Equal(t, "ready", events[0].Type)
	assert.Nil(t, events[0].Detail.Choice, "ready says there is no choice yet")

	// The visitor refuses: still nothing runs.
	v.click("[data-cc-action=refuse-all]")
	refusal, _ := v.waitChoice(site.URL)
	v.waitTrue(`events.length === 2`, "a change event follows the choice")
	events = eval[[]event](v, `events`)
	assert.Equal(t, "change", events[1].Type)
	assert.Equal(t, refusal.ID, events[1].Detail.ID)
	assert.Empty(t, events[1].Detail.Changed, "refusing what was never accepted changes nothing")
	assert.Empty(t, eval[[]string](v, `order`))

	// The page's own control accepts statistics: A, B, C run in document
	// order, B (slow, external) before C; D needs third_party too.
	assert.True(t, eval[bool](v, `cookieConsent.set({statistics: true})`))
	v.waitTrue(`order.length === 3`, "the three statistics scripts run")
	assert.Equal(t, []string{"A", "B", "C"}, eval[[]string](v, `order`))
	assert.True(t, eval[bool](v, `cookieConsent.accepted("statistics") && !cookieConsent.accepted("third_party")`))
	v.waitTrue(`document.getElementById("pixel").complete && document.getElementById("pixel").naturalWidth === 1`, "the pixel loads")
	events = eval[[]event](v, `events`)
	last := events[len(events)-1]
	assert.Equal(t, []string{"statistics"}, last.Detail.Changed)
	stored, _ := v.waitChoice(site.URL)
	assert.Equal(t, stored.ID, last.Detail.ID, "the event carries the stored choice's consent id")
	assert.True(t, stored.Accepted("statistics"))
	assert.False(t, stored.Accepted("first_party"), "set() keeps the other answers")

	// Added after load: gated too, and run once accepted.
	v.do(chromedp.Evaluate[chromedp.Void](`(() => { const s = document.createElement("script"); s.type = "text/plain";
		s.dataset.category = "statistics"; s.textContent = 'order.push("E")'; document.body.append(s); })()`))
	v.waitTrue(`order.includes("E")`, "a gated script added later runs")
	v.do(chromedp.Evaluate[chromedp.Void](`(() => { const s = document.createElement("script"); s.type = "text/plain";
		s.dataset.category = "first_party"; s.textContent = 'order.push("F")'; document.body.append(s); })()`))

	// Accepting again runs nothing twice.
	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.set({statistics: true})`))
	time.Sleep(500 * time.Millisecond)
	assert.Equal(t, []string{"A", "B", "C", "E"}, eval[[]string](v, `order`), "no script runs twice on one page view; F stays blocked")
	assert.Equal(t, 1, site.hitCount("/slow-b.js"))

	// The frame's own button accepts third-party content: the frame loads
	// in place of the notice, and D (statistics and third_party) runs.
	v.clickIn(notice+`.shadowRoot`, "button")
	v.waitTrue(`document.querySelector("iframe").getAttribute("src") === "/frame.html" && !document.querySelector("cookie-consent-notice")`,
		"the frame loads and its notice goes")
	assert.Equal(t, "", eval[string](v, `document.querySelector("iframe").style.display`))
	v.waitTrue(`order.includes("D")`, "D runs once both its categories are accepted")
	choice, _ := v.waitChoice(site.URL)
	assert.True(t, choice.Accepted("third_party"))

	// Coming back: everything accepted runs at once, without the banner.
	v.open(site.URL + "/gated.html")
	v.waitTrue(`order.length === 4`, "the accepted scripts run on the next page view")
	assert.Equal(t, []string{"A", "B", "C", "D"}, eval[[]string](v, `order`))
	assert.Equal(t, true, eval[bool](v, `early.accepted`), "the stored choice is known before the page's next script")
	v.waitTrue(`events.length === 1 && events[0].type === "ready" && events[0].detail.choice.categories.third_party === true`,
		"ready carries the stored choice")
	v.waitTrue(`document.querySelector("iframe").getAttribute("src") === "/frame.html"`, "the frame loads")
	assert.False(t, eval[bool](v, `!!document.querySelector("cookie-consent-notice")`))
	assert.False(t, v.visible(".cc-banner"))
}

// TestAPICallsBeforeTheBannerIsLive: a page that calls show() in its <head>,
// before the wasm has even arrived, gets the panel; nothing is lost.
func TestAPICallsBeforeTheBannerIsLive(t *testing.T) {
	site := newHostSite(t)
	site.page("/early.html", `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Tôt</title>
<script src="{{SERVER}}/consent.js"></script>
<script>window.live = !!document.querySelector("cookie-consent"); cookieConsent.show();</script>
</head><body><h1>Tôt</h1></body></html>`)
	v := newVisitor(t)
	v.open(site.URL + "/early.html")
	assert.False(t, eval[bool](v, `live`), "the call was made before the banner existed")
	v.waitFor(".cc-panel")
	v.click("#cc-switch-first_party")
	v.click("[data-cc-action=save]")
	choice, _ := v.waitChoice(site.URL)
	assert.True(t, choice.Accepted("first_party"))
	assert.False(t, choice.Accepted("statistics"))
	assert.True(t, eval[bool](v, `cookieConsent.accepted("first_party")`), "a choice made in the banner reaches the API")
}

// TestAPIMisuseNeverThrows: bad arguments get a message on the console and
// a safe answer; the page goes on.
func TestAPIMisuseNeverThrows(t *testing.T) {
	v := newVisitor(t)
	v.open(serverURL + "/")
	assert.False(t, eval[bool](v, `cookieConsent.set(null)`))
	assert.False(t, eval[bool](v, `cookieConsent.set("statistics")`))
	assert.False(t, eval[bool](v, `cookieConsent.accepted("nope")`))
	assert.True(t, eval[bool](v, `cookieConsent.set({nope: true, necessary: false})`), "unknown and required categories are left alone")
	choice, _ := v.waitChoice(serverURL)
	assert.True(t, choice.Accepted("necessary"), "a required category cannot be refused")
	assert.False(t, eval[bool](v, `(() => { try { window.cookieConsent = 1; cookieConsent.get = null; } catch (e) {} return window.cookieConsent === 1 || cookieConsent.get === null; })()`),
		"the API cannot be replaced")
}
