//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/internal/engines"
)

// The visitor flows that every engine runs (TestEngines): written once,
// against engines.Page, at the level of what a visitor sees and does.

// engineFlow is one flow, run in one engine.
type engineFlow struct {
	name string
	run  func(t *testing.T, e engines.Engine)
}

var engineFlows = []engineFlow{
	{"first layer in each layout", flowFirstLayerInEachLayout},
	{"each choice writes the cookie", flowEachChoiceWritesTheCookie},
	{"the footer link and show() open the panel", flowLinkAndShowOpenThePanel},
	{"keyboard only", flowKeyboardOnly},
	{"a gated script waits for its category", flowGatedScript},
	{"withdrawal deletes the category's cookies", flowWithdrawal},
	{"axe-core finds no violation", flowAxe},
	{"the dark theme: light-dark() or its light fallback", flowDarkTheme},
}

const (
	refuseAll  = "Tout refuser"
	acceptAll  = "Tout accepter"
	customize  = "Personnaliser"
	save       = "Enregistrer mes choix"
	footerLink = "Gestion des cookies"
	statistics = "Cookies statistiques"
	thirdParty = "Cookies tiers (third-party)"
)

// layerBox is where the first layer is drawn, and the viewport's size.
const layerBox = `(() => { const d = ` + seen + `.dialog("Gestion des cookies"); const r = d.getBoundingClientRect();
	return {x: r.x, y: r.y, w: r.width, h: r.height, vw: innerWidth, vh: innerHeight}; })()`

func flowFirstLayerInEachLayout(t *testing.T, e engines.Engine) {
	v := newEngineVisitor(t, e)
	for _, layout := range []string{"bar", "box", "modal"} {
		v.open(v.hostPage("/"+layout+".html", fmt.Sprintf(` data-layout=%q`, layout), ""))
		v.waitTrue(firstLayerShown, layout+": the first layer shows")
		for _, b := range []string{refuseAll, acceptAll, customize} {
			assert.True(t, engineEval[bool](v, fmt.Sprintf(`%s.button(%q) !== undefined`, seen, b)), "%s %s: %q is shown", e.Name(), layout, b)
		}
		text := engineEval[string](v, seen+`.dialog("Gestion des cookies").textContent`)
		for _, want := range []string{"aucune conséquence", "à tout moment", "mesure d'audience"} {
			assert.Contains(t, text, want, "%s %s", e.Name(), layout)
		}
		var box struct{ X, Y, W, H, VW, VH float64 }
		require.NoError(t, json.Unmarshal([]byte(engineEval[json.RawMessage](v, layerBox)), &box))
		switch layout {
		case "bar":
			assert.InDelta(t, box.VW, box.W, box.VW*0.05, "%s: a bar spans the page", e.Name())
			assert.InDelta(t, box.VH, box.Y+box.H, 2, "%s: at the bottom", e.Name())
		case "box":
			assert.Less(t, box.W, box.VW/2, "%s: a box is narrow", e.Name())
			assert.Greater(t, box.X, box.VW/2, "%s: on the right", e.Name())
		case "modal":
			assert.InDelta(t, box.VW/2, box.X+box.W/2, 2, "%s: a modal is centred", e.Name())
			v.waitTrue(seen+`.focusIn("Gestion des cookies")`, "the modal first layer takes focus")
		}
		assert.Empty(t, v.cookieNames(), "%s %s: no cookie before a choice", e.Name(), layout)
	}
}

func flowEachChoiceWritesTheCookie(t *testing.T, e engines.Engine) {
	tests := []struct {
		name  string
		steps func(v *engineVisitor)
		want  map[string]bool
	}{
		{"accept all", func(v *engineVisitor) { v.clickButton(acceptAll) },
			map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": true}},
		{"refuse all", func(v *engineVisitor) { v.clickButton(refuseAll) },
			map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}},
		{"custom", func(v *engineVisitor) {
			v.clickButton(customize)
			v.waitTrue(panelShown, "the panel opens")
			v.clickSwitch(statistics)
			v.clickButton(save)
		}, map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newEngineVisitor(t, e)
			v.open(v.hostPage("/choice.html", "", ""))
			v.waitTrue(firstLayerShown, "the first layer shows")
			start := time.Now()
			tt.steps(v)
			choice, cookie := v.waitChoice("")
			assert.Equal(t, tt.want, choice.Categories)
			assert.Equal(t, 1, choice.V)
			assert.Equal(t, 1, choice.Rev)
			assert.Regexp(t, `^[A-Za-z0-9_-]{22}$`, choice.ID)
			written := time.Now()
			assert.GreaterOrEqual(t, choice.TS, start.Unix()-1, "ts: when the choice was made")
			assert.LessOrEqual(t, choice.TS, written.Unix()+1)
			assert.Equal(t, "/", cookie.Path)
			assert.Equal(t, "Lax", cookie.SameSite)
			assert.False(t, cookie.HTTPOnly, "the portal's scripts and backend read it")
			assert.False(t, cookie.Secure, "plain http: no Secure")
			const sixMonths = 182 * 24 * time.Hour
			assert.False(t, cookie.Expires.Before(start.Add(sixMonths-time.Second)), "kept six months (expires %v)", cookie.Expires)
			assert.False(t, cookie.Expires.After(written.Add(sixMonths+time.Second)), "kept six months (expires %v)", cookie.Expires)
			v.waitTrue(nothingShown, "the banner closes after a choice")
			assert.Equal(t, tt.want["statistics"], engineEval[bool](v, `cookieConsent.accepted("statistics")`))

			v.reload()
			v.waitReturning()
			again, _ := v.waitChoice("")
			assert.Equal(t, choice.ID, again.ID, "the choice is kept")
		})
	}
}

func flowLinkAndShowOpenThePanel(t *testing.T, e engines.Engine) {
	v := newEngineVisitor(t, e)
	v.open(v.hostPage("/link.html", "", ""))
	v.clickButton(refuseAll)
	first, _ := v.waitChoice("")

	v.reload()
	v.waitReturning()
	v.clickLink(footerLink)
	v.waitTrue(panelShown, "the footer link opens the panel")
	v.waitTrue(live, "the wasm takes the banner over")
	assert.False(t, engineEval[bool](v, fmt.Sprintf(`%s.toggle(%q).checked`, seen, statistics)), "the panel shows the stored refusal")
	assert.True(t, engineEval[bool](v, `location.hash === ""`), "the link does not navigate")
	v.clickSwitch(thirdParty)
	v.clickButton(save)
	second, _ := v.waitChoice(first.ID)
	assert.True(t, second.Accepted("third_party"))
	assert.False(t, second.Accepted("statistics"))
	v.waitTrue(nothingShown, "the panel closes after the choice")

	v.reload()
	v.waitReturning()
	v.exec(`cookieConsent.show()`)
	v.waitTrue(panelShown, "cookieConsent.show() opens the panel")
	v.waitTrue(live, "the wasm takes the banner over")
	assert.True(t, engineEval[bool](v, fmt.Sprintf(`%s.toggle(%q).checked`, seen, thirdParty)), "the panel shows the stored choice")
	v.clickButton(acceptAll)
	third, _ := v.waitChoice(second.ID)
	assert.True(t, third.Accepted("statistics"))
}

func flowKeyboardOnly(t *testing.T, e engines.Engine) {
	v := newEngineVisitor(t, e)
	v.open(v.hostPage("/keyboard.html", "", ""))
	v.waitTrue(firstLayerShown, "the first layer shows")
	v.expectFocus("nothing")
	v.tabTo("button " + refuseAll)
	v.tabTo("button " + acceptAll)
	v.tabTo("button " + customize)
	v.press(engines.Enter)
	v.waitTrue(panelShown, "Enter on Personnaliser opens the panel")
	v.waitTrue(focusInPanel, "focus moves into the panel")
	v.tabUntil("switch " + statistics)
	v.press(engines.Escape)
	v.waitTrue(firstLayerShown, "Escape closes the panel: the first layer is back")
	v.expectFocus("button " + customize)
	assert.NotContains(t, v.cookieNames(), "cookies_preferences", "closing the panel is no choice")

	// Again, and a choice: Space on a switch, Tab to "Enregistrer mes choix".
	v.press(engines.Enter)
	v.waitTrue(panelShown, "the panel opens again")
	v.waitTrue(focusInPanel, "focus moves into the panel")
	v.tabUntil("switch " + statistics)
	v.press(" ")
	assert.True(t, engineEval[bool](v, fmt.Sprintf(`%s.toggle(%q).checked`, seen, statistics)), "Space turns the switch on")
	v.tabUntil("button " + save)
	v.press(engines.Enter)
	choice, _ := v.waitChoice("")
	assert.True(t, choice.Accepted("statistics"))
	assert.False(t, choice.Accepted("third_party"))
	v.waitTrue(nothingShown, "the panel closes")

	// From the page's link: Enter opens the panel, Escape gives focus back.
	v.reload()
	v.waitReturning()
	v.tabUntil("page link " + footerLink)
	v.press(engines.Enter)
	v.waitTrue(panelShown, "Enter on the footer link opens the panel")
	v.waitTrue(focusInPanel, "focus moves into the panel")
	v.press(engines.Escape)
	v.waitTrue(nothingShown, "Escape closes the panel")
	v.expectFocus("page link " + footerLink)
}

// focusInPanel is true when focus is on the panel or one of its controls.
const focusInPanel = seen + `.focusIn("Préférences des cookies")`

// tabUntil presses Tab until focus is on want, at most 12 times; while the
// panel is open, every stop is inside it (the panel is modal).
func (v *engineVisitor) tabUntil(want string) {
	v.t.Helper()
	var path []string
	for range 12 {
		inPanel := engineEval[bool](v, panelShown)
		v.press(engines.Tab)
		got := engineEval[string](v, seen+`.focus()`)
		path = append(path, got)
		if inPanel {
			require.True(v.t, engineEval[bool](v, focusInPanel), "%s: Tab left the open panel for %q", v.engine, got)
		}
		if got == want {
			return
		}
	}
	require.Fail(v.t, "Tab never reached "+want, "%s: focus went %q", v.engine, path)
}

func flowGatedScript(t *testing.T, e engines.Engine) {
	v := newEngineVisitor(t, e)
	addGatedPages(t, v.site, serverURL, withRecorder(testdata(t, "gated.html")), "/gated.html")
	v.open(v.site.URL + "/gated.html")
	v.waitTrue(firstLayerShown, "the first layer shows")
	assert.Empty(t, engineEval[[]string](v, `order`), "nothing gated runs before a choice")
	assert.Zero(t, v.site.hitCount("/slow-b.js"), "a blocked external script is not fetched")

	v.clickButton(customize)
	v.waitTrue(panelShown, "the panel opens")
	v.clickSwitch(statistics)
	v.clickButton(save)
	v.waitTrue(`order.length === 3`, "the statistics scripts run once accepted")
	assert.Equal(t, []string{"A", "B", "C"}, engineEval[[]string](v, `order`), "in document order; D also needs third_party")
	v.waitTrue(`document.getElementById("pixel").complete && document.getElementById("pixel").naturalWidth === 1`, "the pixel loads")
	assert.False(t, engineEval[bool](v, `document.querySelector("iframe").hasAttribute("src")`), "the third-party frame stays blocked")

	v.reload()
	v.waitReturning()
	v.waitTrue(`order.length === 3`, "on the next page view the accepted scripts run at once")
	assert.Equal(t, []string{"A", "B", "C"}, engineEval[[]string](v, `order`))
}

// setHostTrackerCookies is setTrackerCookies (withdrawal_test.go) on the
// host only: the flows' sites are loopback addresses, with no parent domain
// (TestWithdrawalDeletesTheCategoryCookies covers one, in Chromium).
const setHostTrackerCookies = `(() => {
	document.cookie = "_ga=GA1.1.1; Path=/";
	document.cookie = "_ga_XYZ123=GS1.1; Path=/";
	document.cookie = "_pk_id.1.abcd=x; Path=/deep";
	document.cookie = "sessionid=keep; Path=/";
	document.cookie = "unrelated=keep; Path=/deep/";
})()`

func flowWithdrawal(t *testing.T, e engines.Engine) {
	server := configuredServer(t, withTrackerCookies)
	v := newEngineVisitor(t, e)
	addGatedPages(t, v.site, server, withRecorder(testdata(t, "gated.html")), "/deep/gated.html")
	v.open(v.site.URL + "/deep/gated.html")
	v.clickButton(acceptAll)
	v.waitTrue(`order.length === 4`, "the accepted scripts run")
	engineEval[any](v, setHostTrackerCookies)
	require.ElementsMatch(t, []string{"_ga", "_ga_XYZ123", "_pk_id.1.abcd", "sessionid", "unrelated", "cookies_preferences"}, v.cookieNames())

	v.clickLink(footerLink)
	v.waitTrue(panelShown, "the footer link opens the panel")
	v.clickSwitch(statistics)
	v.clickButton(save)
	v.waitTrue(`!cookieConsent.accepted("statistics")`, "the withdrawal is applied")
	assert.ElementsMatch(t, []string{"sessionid", "unrelated", "cookies_preferences"}, v.cookieNames(),
		"the statistics cookies are gone, from / and from the page's path")
}

func flowAxe(t *testing.T, e engines.Engine) {
	v := newEngineVisitor(t, e)
	for _, layout := range []string{"bar", "box", "modal"} {
		v.open(v.hostPage("/axe-"+layout+".html", fmt.Sprintf(` data-layout=%q`, layout), ""))
		v.waitTrue(firstLayerShown, "the first layer shows")
		assertNoAxeViolation(t, v.axe(), e.Name()+": the first layer ("+layout+")")
		v.exec(`cookieConsent.show()`)
		v.waitTrue(panelShown, "the panel opens")
		v.waitTrue(live, "the wasm takes the banner over")
		assertNoAxeViolation(t, v.axe(), e.Name()+": the preferences panel ("+layout+")")
	}
}

// axe runs axe-core on the banner, as visitor.axe does in Chromium.
func (v *engineVisitor) axe() []axeViolation {
	v.t.Helper()
	src, err := axeScript()
	require.NoError(v.t, err)
	if !engineEval[bool](v, `typeof window.axe === "object"`) {
		v.exec(src)
	}
	v.settle()
	tags, err := json.Marshal(axeTags)
	require.NoError(v.t, err)
	return engineEval[[]axeViolation](v, `axe.run(document.querySelector("cookie-consent"),
		{runOnly: {type: "tag", values: `+string(tags)+`}, resultTypes: ["violations"]})
		.then(r => r.violations.map(x => ({ID: x.id, Impact: x.impact || "", Help: x.help, HelpURL: x.helpUrl,
			Nodes: x.nodes.map(n => ({Target: n.target, HTML: n.html, FailureSummary: n.failureSummary || ""}))})))`)
}

// settle waits until the banner's animations are over.
func (v *engineVisitor) settle() {
	v.t.Helper()
	engineEval[any](v, `Promise.all(`+shadow+`.getAnimations().map(a => a.finished)).then(() => true)`)
}

// flowDarkTheme checks the dark theme's colours, which theme.css writes with
// light-dark(): an engine that has it shows them dark; one without it gets
// the light colours in every theme (the README's promise, kept by an
// @supports fallback). Each of the three engines tested has light-dark()
// (Chromium 123, Firefox 120, Safari 17.5 and later), and none can turn it
// off, so here it is the first branch that each engine proves.
func flowDarkTheme(t *testing.T, e engines.Engine) {
	v := newEngineVisitor(t, e)
	v.open(v.hostPage("/dark.html", ` data-theme="dark"`, ""))
	v.waitTrue(firstLayerShown, "the first layer shows")
	v.settle()
	hasLightDark := engineEval[bool](v, `CSS.supports("color", "light-dark(#000, #fff)")`)
	bg := engineEval[string](v, `getComputedStyle(`+seen+`.dialog("Gestion des cookies")).backgroundColor`)
	fg := engineEval[string](v, `getComputedStyle(`+seen+`.heading("Gestion des cookies")).color`)
	if hasLightDark {
		assert.Equal(t, "rgb(30, 30, 30)", bg, "%s has light-dark(): the dark theme is dark", e.Name())
		assert.Equal(t, "rgb(245, 245, 245)", fg)
	} else {
		t.Logf("%s has no light-dark(): the light colours", e.Name())
		assert.Equal(t, "rgb(255, 255, 255)", bg, "%s has no light-dark(): the light colours", e.Name())
		assert.Equal(t, "rgb(22, 22, 22)", fg)
	}
}
