//go:build js && wasm

package main

import (
	"encoding/json"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
)

// These tests run the banner's wasm program under node with jsdom
// (web/test/jsdom-setup.cjs): a real DOM and a real document.cookie on an
// https page, as consent.js would set them up.

var document = js.Global().Get("document")

// page is one simulated page view: the container consent.js lends go-app as
// document.body, and the boot object it hands to Go.
type page struct {
	container js.Value
	boot      js.Value
	choices   []string
	langs     []string // the language onChoice was given with each choice
}

func newPage(t *testing.T, cfg *config.Config) *page {
	t.Helper()
	data, err := json.Marshal(cfg)
	require.NoError(t, err)

	p := &page{container: document.Call("createElement", "div")}
	p.container.Call("appendChild", document.Call("createElement", "div"))
	document.Get("body").Call("appendChild", p.container)
	t.Cleanup(func() { p.container.Call("remove") })

	boot := js.Global().Get("Object").New()
	boot.Set("config", string(data))
	boot.Set("languages", js.ValueOf([]any{"", "fr"}))
	boot.Set("secure", true)
	boot.Set("onChoice", js.FuncOf(func(_ js.Value, args []js.Value) any {
		p.choices = append(p.choices, args[0].String())
		if len(args) > 1 {
			p.langs = append(p.langs, args[1].String())
		}
		return nil
	}))
	p.boot = boot
	return p
}

// start runs what main runs, with the container lent as document.body.
func (p *page) start(t *testing.T) {
	t.Helper()
	object := js.Global().Get("Object")
	desc := object.New()
	desc.Set("configurable", true)
	desc.Set("get", js.FuncOf(func(js.Value, []js.Value) any { return p.container }))
	object.Call("defineProperty", document, "body", desc)
	cfg, err := decodeConfig(p.boot)
	require.NoError(t, err)
	b, err := start(p.boot, cfg)
	js.Global().Get("Reflect").Call("deleteProperty", document, "body")
	require.NoError(t, err)
	expose(p.boot, b)
	engine.ConsumeAll()
}

func (p *page) find(selector string) js.Value {
	return p.container.Call("querySelector", selector)
}

func (p *page) click(t *testing.T, selector string) {
	t.Helper()
	el := p.find(selector)
	require.True(t, el.Truthy(), "no %s on the page", selector)
	el.Call("click")
	engine.ConsumeAll()
}

func clearCookies() {
	for _, part := range strings.Split(document.Get("cookie").String(), ";") {
		name, _, _ := strings.Cut(strings.TrimSpace(part), "=")
		if name != "" {
			document.Set("cookie", name+"=; Path=/; Max-Age=0")
		}
	}
}

func storedChoice(t *testing.T) consent.Choice {
	t.Helper()
	c, err := consent.Read(document.Get("cookie").String())
	require.NoError(t, err, "cookie: %q", document.Get("cookie").String())
	return c
}

func TestFirstVisitShowsTheFirstLayerInFrench(t *testing.T) {
	clearCookies()
	p := newPage(t, config.Default())
	p.start(t)

	banner := p.find(".cc-banner[role=region]")
	require.True(t, banner.Truthy())
	text := banner.Get("textContent").String()
	assert.Contains(t, text, "Tout accepter")
	assert.Contains(t, text, "Tout refuser")
	assert.Contains(t, text, "Personnaliser")
	assert.Equal(t, "fr", p.find(".cc-root").Call("getAttribute", "lang").String())
	assert.Equal(t, "portail", document.Call("getElementById", "portal").Get("textContent").String(),
		"the page's own content is untouched")
	assert.Empty(t, document.Get("cookie").String(), "nothing is written before a choice")
}

func TestEachFirstLayerButtonWritesTheCookie(t *testing.T) {
	tests := []struct {
		action string
		want   map[string]bool
	}{
		{"refuse-all", map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}},
		{"accept-all", map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": true}},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			clearCookies()
			p := newPage(t, config.Default())
			p.start(t)
			p.click(t, "[data-cc-action="+tt.action+"]")

			c := storedChoice(t)
			assert.Equal(t, tt.want, c.Categories)
			assert.Equal(t, 1, c.Rev)
			assert.False(t, p.find(".cc-banner").Truthy(), "the banner closes after a choice")
			require.Len(t, p.choices, 1, "the loader is told of the choice")
			assert.Contains(t, p.choices[0], c.ID)
		})
	}
}

func TestReturningVisitorSeesNothingThenChangesTheirMind(t *testing.T) {
	clearCookies()
	first := newPage(t, config.Default())
	first.start(t)
	first.click(t, "[data-cc-action=refuse-all]")
	before := storedChoice(t)

	p := newPage(t, config.Default())
	p.start(t)
	assert.False(t, p.find(".cc-banner").Truthy(), "a valid choice keeps the banner closed")

	p.boot.Call("show") // window.cookieConsent.show() and the footer link
	engine.ConsumeAll()
	require.True(t, p.find("dialog[open] .cc-panel").Truthy(), "show() opens the panel, in its dialog")
	stats := p.find("#cc-switch-statistics")
	assert.False(t, stats.Get("checked").Bool(), "the panel shows the current choice")
	assert.True(t, p.find("#cc-switch-necessary").Get("disabled").Bool(), "necessary cannot be refused")

	p.click(t, "#cc-switch-statistics")
	p.click(t, "[data-cc-action=save]")

	after := storedChoice(t)
	assert.True(t, after.Accepted("statistics"))
	assert.False(t, after.Accepted("third_party"))
	assert.NotEqual(t, before.ID, after.ID, "a new choice gets a new consent id")
	assert.Equal(t, 1, strings.Count(document.Get("cookie").String(), consent.CookieName+"="), "the new choice replaces the old cookie")
	assert.False(t, p.find(".cc-panel").Truthy())
}

// TestSyncClosesTheBannerAfterTheLoaderStoredAChoice is the loader's
// cookieConsent.refuseAll() while the banner shows: the loader writes the
// cookie itself, then calls sync.
func TestSyncClosesTheBannerAfterTheLoaderStoredAChoice(t *testing.T) {
	clearCookies()
	p := newPage(t, config.Default())
	p.start(t)
	require.True(t, p.find(".cc-banner").Truthy())

	c := consent.New(1, map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}, time.Now())
	document.Set("cookie", consent.SetCookie(c, consent.Attributes{MaxAge: time.Hour}))
	p.boot.Call("sync")
	engine.ConsumeAll()
	assert.False(t, p.find(".cc-banner").Truthy(), "the banner closes")
	assert.Empty(t, p.choices, "the loader made the choice: Go does not report it back")
}

// TestGlobalPrivacyControlReachesTheBanner: the loader passes
// navigator.globalPrivacyControl as boot.gpc.
func TestGlobalPrivacyControlReachesTheBanner(t *testing.T) {
	clearCookies()
	p := newPage(t, config.Default())
	p.boot.Set("gpc", true)
	p.start(t)
	p.click(t, "[data-cc-action=accept-all]")
	got := storedChoice(t)
	assert.True(t, got.Accepted("statistics"))
	assert.False(t, got.Accepted("third_party"), "accept all leaves advertising refused under GPC")
}

func TestBadCookiesBringTheBannerBack(t *testing.T) {
	valid := consent.New(1, map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}, time.Now())
	for name, value := range map[string]string{
		"malformed":      "%7B%22v%22",
		"tampered":       strings.Replace(consent.Encode(valid), "necessary%22%3Atrue", "necessary%22%3Afalse", 1),
		"older revision": strings.Replace(consent.Encode(valid), "%22rev%22%3A1", "%22rev%22%3A0", 1),
		"oversized":      strings.Repeat("x", 5000),
	} {
		t.Run(name, func(t *testing.T) {
			clearCookies()
			document.Set("cookie", consent.CookieName+"="+value+"; Path=/")
			p := newPage(t, config.Default())
			p.start(t)
			assert.True(t, p.find(".cc-banner").Truthy())
		})
	}
}

func TestBrokenConfigurationFailsClearly(t *testing.T) {
	p := newPage(t, config.Default())
	p.boot.Set("config", `{"revision": 0}`)
	_, err := decodeConfig(p.boot)
	assert.ErrorContains(t, err, "revision")
}

// TestForbiddenCookiesDoNotKillTheBanner makes document.cookie throw, as it
// does in a sandboxed iframe: the banner still shows and a click still
// closes it, without crashing the Go program.
func TestForbiddenCookiesDoNotKillTheBanner(t *testing.T) {
	clearCookies()
	object := js.Global().Get("Object")
	desc := object.New()
	desc.Set("configurable", true)
	desc.Set("get", js.Global().Get("Function").New(`throw new DOMException("forbidden", "SecurityError")`))
	desc.Set("set", js.Global().Get("Function").New("v", `throw new DOMException("forbidden", "SecurityError")`))
	object.Call("defineProperty", document, "cookie", desc) // shadows Document.prototype's
	defer js.Global().Get("Reflect").Call("deleteProperty", document, "cookie")

	p := newPage(t, config.Default())
	p.start(t)
	require.True(t, p.find(".cc-banner").Truthy())
	p.click(t, "[data-cc-action=refuse-all]")
	assert.False(t, p.find(".cc-banner").Truthy(), "the banner closes for this page view")
	require.Len(t, p.choices, 1)
}

// The loader sends the texts hash of the language the banner was shown in:
// onChoice hands it the language with the choice.
func TestOnChoiceTellsTheBannerLanguage(t *testing.T) {
	for _, tt := range []struct {
		languages []any
		want      string
	}{{[]any{"", "fr"}, "fr"}, {[]any{"en-GB", "fr"}, "en"}, {[]any{"de"}, "fr"}} {
		clearCookies()
		p := newPage(t, config.Default())
		p.boot.Set("languages", js.ValueOf(tt.languages))
		p.start(t)
		p.click(t, "[data-cc-action=refuse-all]")
		require.Len(t, p.langs, 1)
		assert.Equal(t, tt.want, p.langs[0], "%v", tt.languages)
	}
}
