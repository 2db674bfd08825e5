//go:build !js

package e2e

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/consent"
	"github.com/opendata-portals/cookie-consent/internal/engines"
)

// engineVisitor is one visitor in one engine, driven through the
// engines.Page interface: what the cross-engine flows (engineflows_test.go)
// are written against. It speaks the visitor's language (the button whose
// text is "Personnaliser", the dialog titled "Préférences des cookies"),
// not the banner's DOM, so that the flows hold while the markup changes.
type engineVisitor struct {
	t      *testing.T
	ctx    context.Context
	page   engines.Page
	engine string
	// site is the visitor's own portal, on a loopback address of its own:
	// a fresh cookie jar in every engine.
	site *hostSite
}

// loopbackHosts hands out 127.0.0.2, 127.0.0.3, ...: one per visitor.
var loopbackHosts atomic.Int32

func nextLoopback() string {
	n := loopbackHosts.Add(1)
	return fmt.Sprintf("127.0.%d.%d", n/250, 1+n%250)
}

func newEngineVisitor(t *testing.T, e engines.Engine) *engineVisitor {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	page, err := e.NewPage(ctx)
	require.NoError(t, err, "%s: a new page", e.Name())
	v := &engineVisitor{t: t, ctx: ctx, page: page, engine: e.Name(), site: newHostSiteOn(t, nextLoopback())}
	v.site.page("/blank.html", "<!doctype html><title>blank</title>"+errorRecorder)
	t.Cleanup(func() {
		if !t.Failed() {
			v.assertNoPageError()
		}
		assert.NoError(t, page.Close())
	})
	return v
}

// errorRecorder is put first in every page the flows open: it keeps, in the
// tab's sessionStorage (so that it survives reloads), every uncaught error,
// unhandled rejection, console.error and CSP violation of the page. The
// same in every engine, where only some protocols report console messages.
const errorRecorder = `<script>(function () {
  var key = "engine-errors";
  function record(what) {
    try { var all = JSON.parse(sessionStorage.getItem(key) || "[]"); all.push(String(what)); sessionStorage.setItem(key, JSON.stringify(all)); } catch (e) {}
  }
  addEventListener("error", function (e) { record("error: " + e.message + " (" + e.filename + ":" + e.lineno + ")"); });
  addEventListener("unhandledrejection", function (e) { record("unhandled rejection: " + (e.reason && e.reason.stack || e.reason)); });
  document.addEventListener("securitypolicyviolation", function (e) { record("CSP violation: " + e.violatedDirective + " " + e.blockedURI); });
  var consoleError = console.error;
  console.error = function () { record("console.error: " + Array.prototype.join.call(arguments, " ")); return consoleError.apply(console, arguments); };
})();</script>`

// assertNoPageError checks that no page the visitor saw on its site raised
// an error or logged one.
func (v *engineVisitor) assertNoPageError() {
	v.t.Helper()
	var href string
	if v.page.Eval(v.ctx, `location.href`, &href) != nil || !strings.HasPrefix(href, v.site.URL) {
		v.open(v.site.URL + "/blank.html") // back on the site, whose sessionStorage holds the record
	}
	errs := engineEval[[]string](v, `JSON.parse(sessionStorage.getItem("engine-errors") || "[]")`)
	assert.Empty(v.t, errs, "%s: no page error and no console error", v.engine)
}

// hostPage serves, on the visitor's site, a page embedding the banner with
// the given script tag attributes and extra <head> markup, the error
// recorder first, and returns its URL.
func (v *engineVisitor) hostPage(path, tagAttrs, head string) string {
	v.t.Helper()
	v.site.page(path, embedPage(v.t, path, ` lang="fr"`,
		errorRecorder+"\n"+head+"\n"+`<script src="{{SERVER}}/consent.js" defer`+tagAttrs+`></script>`, ""))
	return v.site.URL + path
}

// withRecorder puts the error recorder first in a page's <head>.
func withRecorder(html string) string {
	return strings.Replace(html, "<head>", "<head>\n"+errorRecorder, 1)
}

func (v *engineVisitor) open(url string) {
	v.t.Helper()
	require.NoError(v.t, v.page.Open(v.ctx, url), "%s: opening %s", v.engine, url)
}

func (v *engineVisitor) reload() {
	v.t.Helper()
	require.NoError(v.t, v.page.Reload(v.ctx), "%s: reloading", v.engine)
}

func (v *engineVisitor) exec(script string) {
	v.t.Helper()
	require.NoError(v.t, v.page.Exec(v.ctx, script), "%s: running %s", v.engine, script)
}

// engineEval evaluates a JavaScript expression and decodes its value.
func engineEval[T any](v *engineVisitor, expr string) T {
	v.t.Helper()
	var out T
	require.NoError(v.t, v.page.Eval(v.ctx, expr, &out), "%s", v.engine)
	return out
}

// waitTrue waits until the expression is true on the page.
func (v *engineVisitor) waitTrue(expr, msg string) {
	v.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var ok bool
		err := v.page.Eval(v.ctx, `!!(`+expr+`)`, &ok)
		if err == nil && ok {
			return
		}
		require.True(v.t, time.Now().Before(deadline), "%s: %s (last error: %v)", v.engine, msg, err)
		time.Sleep(50 * time.Millisecond)
	}
}

// seen is a JavaScript expression of what the visitor sees in the banner:
// headings, buttons, switches (by their label), dialogs (by their title) and
// what has focus, all looked up by their text in the banner's shadow root.
const seen = `(() => {
  const host = document.querySelector("cookie-consent");
  const root = host && host.shadowRoot;
  const text = (e) => e.textContent.replace(/\s+/g, " ").trim();
  const shown = (e) => !!e && e.getBoundingClientRect().height > 0 && (!e.checkVisibility || e.checkVisibility());
  const all = (sel) => root ? Array.from(root.querySelectorAll(sel)) : [];
  const titleOf = (d) => { const id = d.getAttribute("aria-labelledby"); const t = id ? root.getElementById(id) : d.querySelector("h1, h2, h3");
    return t ? text(t) : ""; };
  const dialog = (title) => all("dialog, [role=dialog], [role=region]").find((d) => shown(d) && titleOf(d) === title);
  const panel = () => dialog("Préférences des cookies");
  const heading = (t) => all("h1, h2, h3, [role=heading]").find((e) => shown(e) && text(e) === t);
  const button = (t) => { const p = panel(); return all("button").find((e) => shown(e) && text(e) === t && (!p || p.contains(e))); };
  const toggle = (label) => all("input").find((e) => e.labels && e.labels.length > 0 && text(e.labels[0]) === label && shown(e));
  const deepFocus = () => { let e = document.activeElement; while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement; return e; };
  const describe = (e) => {
    if (!e || e === document.body || e === document.documentElement) return "nothing";
    if (root && root.contains(e)) {
      if (e.matches("button")) return "button " + text(e);
      if (e.matches("input") && e.labels && e.labels.length) return "switch " + text(e.labels[0]);
      if (e.matches("dialog, [role=dialog], [role=region]")) return "dialog " + titleOf(e);
      return "banner " + e.tagName.toLowerCase();
    }
    if (e.matches("a")) return "page link " + text(e);
    return "page " + e.tagName.toLowerCase();
  };
  const focusIn = (title) => { const d = dialog(title); const f = deepFocus(); return !!d && !!f && (d === f || d.contains(f)); };
  return {heading, button, toggle, dialog, panel, focus: () => describe(deepFocus()), focusIn,
    firstLayer: () => !!heading("Gestion des cookies") && !panel(), nothing: () => !heading("Gestion des cookies") && !panel()};
})()`

// firstLayerShown and panelShown are what the visitor sees.
const (
	firstLayerShown = seen + `.firstLayer()`
	panelShown      = seen + `.panel() !== undefined`
	nothingShown    = seen + `.nothing()`
)

// clickButton clicks, with the mouse, the banner's button whose text is
// text (in the panel when it is open), once it is shown.
func (v *engineVisitor) clickButton(text string) {
	v.t.Helper()
	v.clickAt(fmt.Sprintf(`%s.button(%q)`, seen, text), "the button "+text)
}

// clickSwitch clicks the switch labelled label, in the panel.
func (v *engineVisitor) clickSwitch(label string) {
	v.t.Helper()
	v.clickAt(fmt.Sprintf(`%s.toggle(%q)`, seen, label), "the switch "+label)
}

// clickLink clicks the page's own link whose text is text.
func (v *engineVisitor) clickLink(text string) {
	v.t.Helper()
	v.clickAt(fmt.Sprintf(`Array.from(document.querySelectorAll("a")).find((a) => a.textContent.trim() === %q)`, text), "the link "+text)
}

// clickAt waits for the element an expression finds, scrolls it into view
// and, once it stands still where the visitor sees it, clicks its centre.
// Still, not at once: what scrolling brings on screen is drawn in the
// frames after (the panel's categories: content-visibility), and WebKit,
// which has no scroll anchoring, may move the element then.
func (v *engineVisitor) clickAt(find, what string) {
	v.t.Helper()
	v.waitTrue(find, "waiting for "+what)
	centre := `(() => { const r = (` + find + `).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`
	engineEval[any](v, `(`+find+`).scrollIntoView({block: "center"})`)
	at := engineEval[[]float64](v, centre)
	for range 20 {
		time.Sleep(50 * time.Millisecond)
		now := engineEval[[]float64](v, centre)
		if slices.Equal(now, at) {
			break
		}
		at = now
	}
	require.NoError(v.t, v.page.Click(v.ctx, at[0], at[1]), "%s: clicking %s", v.engine, what)
}

// press presses one key (engines.Tab, engines.Enter, engines.Escape, " ").
func (v *engineVisitor) press(key string) {
	v.t.Helper()
	require.NoError(v.t, v.page.Press(v.ctx, key), "%s: pressing a key", v.engine)
}

// expectFocus waits until focus is on what the visitor expects, e.g.
// "button Tout refuser", "dialog Préférences des cookies", "page link
// Gestion des cookies".
func (v *engineVisitor) expectFocus(want string) {
	v.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := engineEval[string](v, seen+`.focus()`)
		if got == want {
			return
		}
		require.True(v.t, time.Now().Before(deadline), "%s: focus on %q, not on %q", v.engine, want, got)
		time.Sleep(50 * time.Millisecond)
	}
}

// tabTo presses Tab and checks where focus lands.
func (v *engineVisitor) tabTo(want string) {
	v.t.Helper()
	v.press(engines.Tab)
	v.expectFocus(want)
}

// cookies returns the cookies the browser sends to the page now shown.
func (v *engineVisitor) cookies() []engines.Cookie {
	v.t.Helper()
	cs, err := v.page.Cookies(v.ctx)
	require.NoError(v.t, err, "%s: reading the cookies", v.engine)
	return cs
}

func (v *engineVisitor) cookieNames() []string {
	v.t.Helper()
	var names []string
	for _, c := range v.cookies() {
		names = append(names, c.Name)
	}
	return names
}

// waitChoice waits until the browser keeps a cookies_preferences other
// than the one with id notID ("" for any) and decodes it.
func (v *engineVisitor) waitChoice(notID string) (consent.Choice, engines.Cookie) {
	v.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		for _, c := range v.cookies() {
			if c.Name != consent.CookieName {
				continue
			}
			choice, err := consent.Decode(c.Value)
			require.NoError(v.t, err, "%s: the stored cookie decodes", v.engine)
			if choice.ID != notID {
				return choice, c
			}
		}
		require.True(v.t, time.Now().Before(deadline), "%s: no new %s cookie was written", v.engine, consent.CookieName)
		time.Sleep(50 * time.Millisecond)
	}
}

// waitReturning waits until a returning visitor's page has loaded and the
// API answers, and checks that nothing of the banner is shown.
func (v *engineVisitor) waitReturning() {
	v.t.Helper()
	v.waitTrue(`document.readyState === "complete" && window.cookieConsent && cookieConsent.get() !== null`, "waiting for the page to load")
	assert.True(v.t, engineEval[bool](v, nothingShown), "%s: a valid choice shows nothing", v.engine)
}
