//go:build !js

package e2e

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/consent"
)

var allCategories = []string{"necessary", "statistics", "first_party", "third_party"}

func TestFirstVisitShowsTheBanner(t *testing.T) {
	v := newVisitor(t)
	v.open(serverURL + "/")
	v.waitFor(".cc-banner")

	text := eval[string](v, shadow+`.querySelector(".cc-banner").innerText`)
	for _, want := range []string{"Gestion des cookies", "Tout accepter", "Tout refuser", "Personnaliser",
		"aucune conséquence", "à tout moment", "mesure d'audience"} {
		assert.Contains(t, text, want)
	}
	assert.Equal(t, "region", eval[string](v, shadow+`.querySelector(".cc-banner").getAttribute("role")`))
	assert.Nil(t, v.consentCookie(serverURL), "nothing is stored before a choice")
	assert.Empty(t, v.cookies(serverURL), "no cookie at all is written before a choice")
	assert.Equal(t, "Explorer les données de la métropole", eval[string](v, `document.querySelector("h1").textContent.trim()`),
		"the portal's content is still there")

	v.screenshot("banner.png")
}

// TestRefuseLooksLikeAccept checks the CNIL rule: "Tout refuser" on the first
// layer with the same size, weight and contrast as "Tout accepter".
func TestRefuseLooksLikeAccept(t *testing.T) {
	v := newVisitor(t)
	v.open(serverURL + "/")
	v.waitFor(".cc-banner")
	looks := bannerLooks(v)
	accept, refuse := looks["accept"], looks["refuse"]
	require.NotZero(t, accept.H, "both buttons are rendered")
	require.NotZero(t, refuse.H)
	assert.Equal(t, accept.H, refuse.H)
	assert.InDelta(t, accept.W, refuse.W, math.Max(accept.W, refuse.W)*0.15, "similar width")
	assert.Equal(t, accept.FontSize, refuse.FontSize)
	assert.Equal(t, accept.FontWeight, refuse.FontWeight)
	assert.Equal(t, accept.Color, refuse.Color)
	assert.Equal(t, accept.Background, refuse.Background)
	assert.Equal(t, accept.Border, refuse.Border)
	assert.Equal(t, accept.FontFamily, refuse.FontFamily)
}

func TestEachChoiceWritesTheCookie(t *testing.T) {
	tests := []struct {
		name  string
		steps func(v *visitor)
		want  map[string]bool
	}{
		{"accept all", func(v *visitor) { v.click("[data-cc-action=accept-all]") },
			map[string]bool{"necessary": true, "statistics": true, "first_party": true, "third_party": true}},
		{"refuse all", func(v *visitor) { v.click("[data-cc-action=refuse-all]") },
			map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}},
		{"custom", func(v *visitor) {
			v.click("[data-cc-action=customize]")
			v.waitFor(".cc-panel")
			v.click("#cc-switch-statistics")
			v.click("[data-cc-action=save]")
		}, map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newVisitor(t)
			v.open(serverURL + "/")
			v.waitFor(".cc-banner")
			start := time.Now()
			tt.steps(v)

			choice, cookie := v.waitChoice(serverURL)
			assert.Equal(t, tt.want, choice.Categories)
			assert.Equal(t, 1, choice.V)
			assert.Equal(t, 1, choice.Rev)
			assert.Regexp(t, `^[A-Za-z0-9_-]{22}$`, choice.ID)
			assert.InDelta(t, start.Unix(), choice.TS, 5)
			assertCookieAttributes(t, cookie, start)

			assert.False(t, v.visible(".cc-banner"), "the banner closes after a choice")
			assert.False(t, v.visible(".cc-panel"))
			assert.Equal(t, tt.want["statistics"], eval[bool](v, `cookieConsent.accepted("statistics")`))

			v.do(chromedp.Reload())
			v.waitReturning()
			assert.False(t, v.visible(".cc-banner"), "after a reload the banner stays closed")
		})
	}
}

func assertCookieAttributes(t *testing.T, c *network.Cookie, made time.Time) {
	t.Helper()
	assert.Equal(t, "/", c.Path)
	assert.Equal(t, network.CookieSameSiteLax, c.SameSite)
	assert.False(t, c.Session)
	assert.False(t, c.HTTPOnly, "the portal's scripts and backend read it")
	assert.False(t, c.Secure, "plain http on loopback: no Secure")
	lifetime := time.Unix(int64(c.Expires), 0).Sub(made)
	assert.InDelta(t, (182 * 24 * time.Hour).Seconds(), lifetime.Seconds(), 10, "six months by default")
}

func TestFooterLinkReopensThePanelWithTheCurrentChoice(t *testing.T) {
	v := newVisitor(t)
	v.open(serverURL + "/")
	v.click("[data-cc-action=refuse-all]")
	first, _ := v.waitChoice(serverURL)

	v.do(chromedp.Reload())
	v.waitReturning()
	v.clickPage(`a[data-cc="preferences"]`)
	v.waitFor(".cc-panel")
	assert.True(t, eval[bool](v, shadow+`.querySelector("dialog:has(.cc-panel)").matches(":modal")`), "a modal dialog")
	for _, id := range allCategories {
		checked := eval[bool](v, shadow+`.querySelector("#cc-switch-`+id+`").checked`)
		assert.Equal(t, id == "necessary", checked, "%s shows the current choice", id)
	}
	assert.True(t, eval[bool](v, shadow+`.querySelector("#cc-switch-necessary").disabled`))
	assert.False(t, strings.HasSuffix(eval[string](v, `location.href`), "#"), "the link does not navigate")

	// The seed's cookie table is in the panel.
	table := eval[string](v, shadow+`.querySelector("[data-category=necessary] table").innerText`)
	for _, want := range []string{"sessionid", "django_language", "csrftoken", "cookies_preferences", "Opendatasoft"} {
		assert.Contains(t, table, want)
	}

	v.do(chromedp.Evaluate[chromedp.Void](shadow + `.querySelector(".cc-panel").scrollTop = 0`))
	v.screenshot("panel.png")

	v.click("#cc-switch-third_party")
	v.click("[data-cc-action=save]")
	deadline := time.Now().Add(10 * time.Second)
	var second consent.Choice
	for {
		second, _ = v.waitChoice(serverURL)
		if second.ID != first.ID || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	assert.NotEqual(t, first.ID, second.ID, "a new choice replaces the cookie")
	assert.True(t, second.Accepted("third_party"))
	assert.False(t, second.Accepted("statistics"))
	n := 0
	for _, c := range v.cookies(serverURL) {
		if c.Name == consent.CookieName {
			n++
		}
	}
	assert.Equal(t, 1, n, "one cookie, replaced")
}

func TestShowFromTheAPIReopensThePanel(t *testing.T) {
	v := newVisitor(t)
	v.open(serverURL + "/")
	v.click("[data-cc-action=accept-all]")
	v.waitChoice(serverURL)
	v.do(chromedp.Evaluate[chromedp.Void](`window.cookieConsent.show()`))
	v.waitFor(".cc-panel")
	assert.True(t, eval[bool](v, shadow+`.querySelector("#cc-switch-statistics").checked`))
}

func TestBadCookiesBringTheBannerBack(t *testing.T) {
	valid := consent.New(1, map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false}, time.Now())
	older := valid
	older.Rev = 0
	expired := valid
	expired.TS = time.Now().Add(-200 * 24 * time.Hour).Unix()
	tests := map[string]string{
		"malformed":      "%7B%22v%22%3A1",
		"tampered":       strings.Replace(consent.Encode(valid), "necessary%22%3Atrue", "necessary%22%3Afalse", 1),
		"unknown field":  strings.Replace(consent.Encode(valid), "%22v%22%3A1", "%22v%22%3A1%2C%22x%22%3A1", 1),
		"older revision": strings.Replace(consent.Encode(valid), "%22rev%22%3A1", "%22rev%22%3A0", 1),
		"expired":        consent.Encode(expired),
		"oversized":      strings.Repeat("A", 4000),
		"not json":       "yes",
	}
	for name, value := range tests {
		t.Run(name, func(t *testing.T) {
			v := newVisitor(t)
			v.setCookie(serverURL, consent.CookieName, value)
			v.open(serverURL + "/")
			v.waitFor(".cc-banner")
			assert.False(t, eval[bool](v, `cookieConsent.accepted("statistics")`))
		})
	}

	t.Run("valid control", func(t *testing.T) {
		v := newVisitor(t)
		v.setCookie(serverURL, consent.CookieName, consent.Encode(valid))
		v.open(serverURL + "/")
		v.waitReturning()
		assert.False(t, v.visible(".cc-banner"), "a valid cookie keeps the banner closed")
		assert.True(t, eval[bool](v, `cookieConsent.accepted("statistics")`))
		assert.Equal(t, valid.ID, eval[string](v, `cookieConsent.get().id`))
		assert.True(t, eval[bool](v, `(() => { cookieConsent.get().categories.statistics = false; return cookieConsent.accepted("statistics"); })()`),
			"get() hands out a copy: the page cannot alter the choice")
	})
}
