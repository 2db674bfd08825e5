//go:build !js

// The Content-Security-Policy a portal needs for the banner (docs/api.md quotes
// it), with https://consent.example.org the origin that serves consent.js,
// merged into the page's own policy:
//
//	Content-Security-Policy: script-src 'self' https://consent.example.org 'wasm-unsafe-eval'; connect-src 'self' https://consent.example.org; style-src 'self' 'unsafe-inline'
//
// script-src lets consent.js load, and 'wasm-unsafe-eval' lets it compile the
// banner (WebAssembly only: JavaScript eval stays forbidden); connect-src lets
// it fetch the wasm; style-src 'unsafe-inline' is only needed by a page that
// restricts style-src at all (the theme is a <style> in the banner's shadow
// root). TestContentSecurityPolicy serves exactly this policy, and the same
// without 'wasm-unsafe-eval': then the page keeps working and the banner does
// not show.

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// earlyShow records whether the banner was live when the page called
// cookieConsent.show(), then calls it.
const earlyShow = `window.earlyShow = {live: !!document.querySelector("cookie-consent")}; window.cookieConsent.show();`

// embedPage fills testdata/embed.html.
func embedPage(t *testing.T, name, htmlAttrs, head, body string) string {
	t.Helper()
	return strings.NewReplacer("{{NAME}}", name, "{{HTMLATTRS}}", htmlAttrs, "{{HEAD}}", head, "{{BODY}}", body).
		Replace(testdata(t, "embed.html"))
}

// TestEmbeddingVariants puts the script tag everywhere PRODUCT.md says it
// works, on a page of another origin (and on the demo page, same origin). In
// each, a visitor sees the banner, "Tout accepter" writes the cookie for the
// page's origin, the footer link reopens the panel, and a
// cookieConsent.show() the page makes before the banner is live is not lost.
func TestEmbeddingVariants(t *testing.T) {
	site := newHostSite(t)
	const tag = `<script src="{{SERVER}}/consent.js"%s></script>`
	tests := []struct {
		name string
		// head and body hold the tag; headEarly and bodyEarly the same with
		// the page's early cookieConsent.show().
		head, body, headEarly, bodyEarly string
	}{
		{name: "head plain",
			head:      fmt.Sprintf(tag, ""),
			headEarly: fmt.Sprintf(tag, "") + "\n<script>" + earlyShow + "</script>"},
		{name: "head defer",
			head: fmt.Sprintf(tag, " defer"),
			// Deferred scripts run just before DOMContentLoaded, and this
			// listener is added before the loader adds its own.
			headEarly: fmt.Sprintf(tag, " defer") + "\n<script>document.addEventListener(\"DOMContentLoaded\", function () { " + earlyShow + " });</script>"},
		{name: "head async",
			head:      fmt.Sprintf(tag, " async"),
			headEarly: fmt.Sprintf(tag, ` async onload='`+earlyShow+`'`)},
		{name: "end of body",
			body:      fmt.Sprintf(tag, ""),
			bodyEarly: fmt.Sprintf(tag, "") + "\n<script>" + earlyShow + "</script>"},
	}
	for _, tt := range tests {
		slug := strings.ReplaceAll(tt.name, " ", "-")
		site.page("/"+slug+".html", embedPage(t, tt.name, ` lang="fr"`, tt.head, tt.body))
		site.page("/"+slug+"-early.html", embedPage(t, tt.name, ` lang="fr"`, tt.headEarly, tt.bodyEarly))
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			slug := strings.ReplaceAll(tt.name, " ", "-")
			v := newVisitor(t)
			checkEmbedding(v, site.URL, site.URL+"/"+slug+".html", site.URL+"/"+slug+"-early.html", nil)
			assert.Nil(t, v.consentCookie(serverURL), "no cookie for the consent server's host")
		})
	}

	t.Run("same origin demo page", func(t *testing.T) {
		v := newVisitor(t)
		// The demo page is not ours to edit: the early call comes from a
		// script the browser runs first in every new document, before the
		// loader (defer) runs and adds its own DOMContentLoaded listener.
		early := func() {
			_, err := chromedp.Call(v.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
				Source: `document.addEventListener("DOMContentLoaded", function () { ` + earlyShow + ` });`,
			})
			require.NoError(t, err)
		}
		checkEmbedding(v, serverURL, serverURL+"/", serverURL+"/", early)
	})
}

// checkEmbedding runs one visitor through a page of origin: first visit,
// "Tout accepter", the footer link, then earlyURL (after calling before, if
// set), where the page calls cookieConsent.show() before the banner is live.
func checkEmbedding(v *visitor, origin, pageURL, earlyURL string, before func()) {
	t := v.t
	t.Helper()
	v.open(pageURL)
	v.waitFor(".cc-banner")
	assert.Contains(t, eval[string](v, shadow+`.querySelector(".cc-banner").innerText`), "Tout accepter")
	assert.Empty(t, v.cookies(origin), "nothing is stored before a choice")

	v.click("[data-cc-action=accept-all]")
	choice, _ := v.waitChoice(origin)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": true}, choice.Categories)
	assert.True(t, eval[bool](v, `cookieConsent.accepted("statistics")`))
	v.waitTrue(`!document.querySelector("cookie-consent").shadowRoot.querySelector(".cc-banner")`, "the banner closes after the choice")

	v.clickPage(`a[data-cc="preferences"]`)
	v.waitFor(".cc-panel")
	assert.True(t, eval[bool](v, shadow+`.querySelector("#cc-switch-statistics").checked`), "the panel shows the current choice")
	assert.Equal(t, pageURL, eval[string](v, `location.href`), "the footer link does not navigate")

	if before != nil {
		before()
	}
	v.open(earlyURL)
	v.waitFor(".cc-panel")
	assert.Equal(t, map[string]bool{"live": false}, eval[map[string]bool](v, `window.earlyShow`),
		"cookieConsent.show() was called before the banner was live")
	assert.False(t, v.visible(".cc-banner"), "a visitor who already chose sees the panel only")
}

// TestLanguageFromTheScriptTagThenThePage checks the order the banner picks
// its language in: the script tag's data-lang, then <html lang>, then the
// portal's django_language cookie, then the browser's languages, then the
// configuration's default (French).
func TestLanguageFromTheScriptTagThenThePage(t *testing.T) {
	site := newHostSite(t)
	tests := []struct {
		name, htmlAttrs, tagAttrs, browser string
		django                             string // the django_language cookie, if any
		want, wantNot                      []string
	}{
		{"data-lang over html lang", ` lang="fr"`, ` data-lang="en"`, "fr-FR,fr", "",
			[]string{"Accept all", "Refuse all"}, []string{"Tout accepter"}},
		{"html lang over the browser", ` lang="en"`, ``, "fr-FR,fr", "",
			[]string{"Accept all", "Refuse all"}, []string{"Tout accepter"}},
		{"neither, browser without a translation", ``, ``, "de-DE,de", "",
			[]string{"Tout accepter", "Tout refuser"}, []string{"Accept all"}},
		{"neither, French browser", ``, ``, "fr-FR,fr", "",
			[]string{"Tout accepter", "Tout refuser"}, []string{"Accept all"}},
		{"neither, English browser", ``, ``, "en-US,en", "",
			[]string{"Accept all", "Refuse all"}, []string{"Tout accepter"}},
		{"django_language over the browser", ``, ``, "fr-FR,fr", "en",
			[]string{"Accept all", "Refuse all"}, []string{"Tout accepter"}},
		{"html lang over django_language", ` lang="fr"`, ``, "en-US,en", "en",
			[]string{"Tout accepter", "Tout refuser"}, []string{"Accept all"}},
	}
	v := newVisitor(t)
	ua := ""
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &visitor{t: t, ctx: v.ctx}
			path := fmt.Sprintf("/lang-%d.html", i)
			site.page(path, embedPage(t, tt.name, tt.htmlAttrs, `<script src="{{SERVER}}/consent.js" defer`+tt.tagAttrs+`></script>`,
				`<iframe data-category="third_party" data-src="/frame.html" title="frame"></iframe>`))
			if tt.django != "" {
				v.setCookie(site.URL, "django_language", tt.django)
			}
			if ua == "" {
				v.open(site.URL + "/lang-0.html")
				ua = eval[string](v, `navigator.userAgent`)
			}
			_, err := chromedp.Call(v.ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: tt.browser})
			require.NoError(t, err)
			v.open(site.URL + path)
			require.Equal(t, strings.Split(tt.browser, ","), eval[[]string](v, `navigator.languages`))
			v.waitFor(".cc-banner")
			text := eval[string](v, shadow+`.querySelector(".cc-banner").innerText`)
			for _, w := range tt.want {
				assert.Contains(t, text, w)
			}
			for _, w := range tt.wantNot {
				assert.NotContains(t, text, w)
			}
			// The loader, which writes the blocked frame's notice by itself,
			// speaks the banner's language.
			wantNotice := "Ce contenu est bloqué"
			if strings.Contains(tt.want[0], "Accept") {
				wantNotice = "This content is blocked"
			}
			assert.Contains(t, eval[string](v, `document.querySelector("cookie-consent-notice").shadowRoot.textContent`), wantNotice)
		})
	}
}

// cspPolicy is the page's Content-Security-Policy, the one at the top of this
// file, with or without 'wasm-unsafe-eval'.
func cspPolicy(wasm bool) string {
	if wasm {
		return "script-src 'self' {{SERVER}} 'wasm-unsafe-eval'; connect-src 'self' {{SERVER}}; style-src 'self' 'unsafe-inline'"
	}
	return "script-src 'self' {{SERVER}}; connect-src 'self' {{SERVER}}; style-src 'self' 'unsafe-inline'"
}

func serveCSPPage(t *testing.T, site *hostSite) {
	site.pageWithCSP("/csp-without-wasm.html", testdata(t, "csp.html"), cspPolicy(false))
	site.pageWithCSP("/csp-with-wasm.html", testdata(t, "csp.html"), cspPolicy(true))
	site.script("/host.js", testdata(t, "host.js"))
	site.script("/host-end.js", testdata(t, "host-end.js"))
	site.script("/gated.js", testdata(t, "gated.js"))
}

// TestContentSecurityPolicy opens a portal whose
// Content-Security-Policy does not allow WebAssembly: the wasm cannot start,
// and the page must not notice: its scripts run without error, the API is
// there and answers "not accepted", nothing gated runs; the prerendered
// first layer still lets the visitor refuse or accept, and the API stores
// choices, none of which needs the wasm. The same page with
// 'wasm-unsafe-eval' shows the banner.
func TestContentSecurityPolicy(t *testing.T) {
	site := newHostSite(t)
	serveCSPPage(t, site)
	v := newVisitor(t)
	// chromedp ties the tab to the context of the first action run on it:
	// open the tab with v.ctx before deriving the shorter context below, or
	// its cancel would close the tab.
	v.open("about:blank")

	t.Run("without wasm-unsafe-eval", func(t *testing.T) {
		v := &visitor{t: t, ctx: v.ctx}
		ctx, cancel := context.WithTimeout(v.ctx, 20*time.Second)
		defer cancel()
		console := chromedp.Console(ctx)
		v.open(site.URL + "/csp-without-wasm.html")
		v.waitFor(".cc-banner")
		assert.Equal(t, "script de la page exécuté", eval[string](v, `document.getElementById("host-status").textContent`), "the page's scripts ran")
		assert.Equal(t, "Portail sous CSP", eval[string](v, `document.querySelector("#host-main h1").textContent`))
		assert.Equal(t, "not accepted", eval[string](v, `hostAPI`), "the page asked cookieConsent.accepted() at DOMContentLoaded")
		assert.True(t, eval[bool](v, `typeof window.cookieConsent === "object" && window.cookieConsent.get() === null`))
		assert.Empty(t, eval[[]string](v, `hostViolations`), "no wasm before the visitor heads for the panel")

		// "Personnaliser" opens the prerendered panel; the wasm it starts is
		// refused, and the loader says why it gave up, once.
		v.click("[data-cc-action=customize]")
		v.waitFor(".cc-panel")
		var messages []chromedp.ConsoleMessage
		for m, err := range console {
			require.NoError(t, err, "the loader reports its failure on the console; got %v", messages)
			messages = append(messages, m)
			if strings.Contains(m.Text, "cookie-consent:") {
				break
			}
		}
		for _, m := range messages {
			assert.False(t, m.IsException(), "no uncaught exception on the page: %s", m)
		}
		time.Sleep(200 * time.Millisecond) // let anything that would follow the failure happen

		assert.Contains(t, eval[[]string](v, `hostViolations`), "script-src wasm-eval", "the policy did block the wasm")
		assert.Equal(t, 1, eval[int](v, `hostViolations.filter(s => s.startsWith("script-src wasm-eval")).length`),
			"a blocked compilation is not retried (the loader has given up by now: it said so)")
		assert.Empty(t, eval[[]string](v, `hostErrors`), "the page's own scripts threw nothing")
		v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.hide(); cookieConsent.show(); cookieConsent.hide()`)) // fails on a throw

		assert.False(t, eval[bool](v, `window.gatedRan === true`), "the gated script did not run")
		assert.Zero(t, site.hitCount("/gated.js"), "the gated script was not even fetched")
		assert.Empty(t, v.cookies(site.URL), "nothing is stored")

		v.clickPage(`a[data-cc="preferences"]`)
		assert.Equal(t, site.URL+"/csp-without-wasm.html", eval[string](v, `location.href`), "the footer link still does not navigate")
		assert.Empty(t, eval[[]string](v, `hostErrors`))

		// The prerendered panel needs no wasm: the visitor can still refuse
		// there, and then the API stores and applies a choice.
		v.waitFor(".cc-panel")
		v.click("[data-cc-action=refuse-all]")
		refusal, _ := v.waitChoice(site.URL)
		assert.False(t, refusal.Accepted("statistics"))
		assert.False(t, v.visible(".cc-panel"))
		assert.False(t, v.visible(".cc-banner"))
		v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.acceptAll()`))
		v.waitTrue(`window.gatedRan === true`, "the gated script runs once accepted")
		assert.True(t, eval[bool](v, `cookieConsent.accepted("statistics")`))
		assert.Empty(t, eval[[]string](v, `hostErrors`))
	})

	t.Run("with wasm-unsafe-eval", func(t *testing.T) {
		v := newVisitor(t) // without the choice stored above
		v.open(site.URL + "/csp-with-wasm.html")
		v.waitFor(".cc-banner")
		assert.Empty(t, eval[[]string](v, `hostViolations`), "the policy blocked nothing")
		assert.Equal(t, "rgb(0, 0, 145)", eval[string](v, `getComputedStyle(`+shadow+`.querySelector("[data-cc-action=accept-all]")).backgroundColor`),
			"the theme applies")
		assert.Empty(t, eval[[]string](v, `hostErrors`))
		v.click("[data-cc-action=refuse-all]")
		choice, _ := v.waitChoice(site.URL)
		assert.False(t, choice.Accepted("statistics"))
		assert.False(t, eval[bool](v, `window.gatedRan === true`), "refused: the gated script did not run")
	})
}
