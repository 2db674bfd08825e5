//go:build !js

package e2e

import (
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// withTrackerCookies lists, for statistics, the cookies Google Analytics and
// Matomo set: a family by prefix and an exact name.
func withTrackerCookies(c *config.Config) {
	for i := range c.Categories {
		if c.Categories[i].ID == "statistics" {
			c.Categories[i].Cookies = []config.Cookie{
				{Name: "_ga*", Provider: "Google", Service: l10n("Google Analytics"), Purpose: l10n("Mesure d'audience"), Lifetime: l10n("13 mois")},
				{Name: "_pk_id*", Provider: "Matomo", Service: l10n("Matomo"), Purpose: l10n("Mesure d'audience"), Lifetime: l10n("13 mois")},
			}
		}
	}
}

// l10n is the same text in French and English, for test configurations.
func l10n(s string) config.Localized {
	return config.Localized{"fr": s, "en": s}
}

// setTrackerCookies sets, from the page, what trackers leave behind: on the
// parent domain, on the host, and on the page's directory.
const setTrackerCookies = `(() => {
	document.cookie = "_ga=GA1.1.1; Path=/; Domain=portal.test";
	document.cookie = "_ga_XYZ123=GS1.1; Path=/";
	document.cookie = "_pk_id.1.abcd=x; Path=/deep";
	document.cookie = "sessionid=keep; Path=/";
	document.cookie = "unrelated=keep; Path=/deep/";
})()`

// TestWithdrawalDeletesTheCategoryCookies: a visitor who accepted
// statistics withdraws it in the panel; every cookie the configuration lists
// for it goes, wherever it was set, and no other.
func TestWithdrawalDeletesTheCategoryCookies(t *testing.T) {
	server := configuredServer(t, withTrackerCookies)
	site := gatedSite(t, server, "/deep/gated.html")
	page := site.on("www.portal.test") + "/deep/gated.html"
	v := newVisitor(t)
	v.open(page)
	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.acceptAll()`))
	v.waitTrue(`order.length === 4`, "the accepted scripts run")
	v.do(chromedp.Evaluate[chromedp.Void](setTrackerCookies))
	require.ElementsMatch(t, []string{"_ga", "_ga_XYZ123", "_pk_id.1.abcd", "sessionid", "unrelated", "cookies_preferences"}, cookieNamesOf(v, page))

	v.clickPage(`a[data-cc="preferences"]`)
	v.click("#cc-switch-statistics")
	v.click("[data-cc-action=save]")
	v.waitTrue(`!cookieConsent.accepted("statistics")`, "the withdrawal is applied")
	assert.ElementsMatch(t, []string{"sessionid", "unrelated", "cookies_preferences"}, cookieNamesOf(v, page),
		"the statistics cookies are gone from the host, the parent domain and the page's path")
	assert.False(t, eval[bool](v, `performance.getEntriesByType("navigation")[0].type === "reload"`),
		"without reloadOnWithdrawal the page stays")
}

// TestWithdrawalReloadsWhenConfigured: scripts already running stop only
// with the page; a first refusal never reloads.
func TestWithdrawalReloadsWhenConfigured(t *testing.T) {
	server := configuredServer(t, func(c *config.Config) {
		withTrackerCookies(c)
		c.ReloadOnWithdrawal = true
	})
	site := gatedSite(t, server, "/gated.html")
	v := newVisitor(t)
	v.open(site.URL + "/gated.html")
	v.do(chromedp.Evaluate[chromedp.Void](`window.marker = 1; cookieConsent.refuseAll()`))
	v.waitChoice(site.URL)
	assert.Equal(t, 1, eval[int](v, `window.marker`), "refusing what was never accepted does not reload")

	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.set({statistics: true})`))
	v.waitTrue(`order.length === 3`, "statistics scripts run")
	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.set({statistics: false})`))
	v.waitAcrossNavigation(`window.marker === undefined && document.readyState === "complete"`, "withdrawing reloads the page")
	assert.Empty(t, eval[[]string](v, `order`), "after the reload, the withdrawn scripts do not run")
}

// cookieNamesOf lists the names of the browser's cookies for url.
func cookieNamesOf(v *visitor, url string) []string {
	var names []string
	for _, c := range v.cookies(url) {
		names = append(names, c.Name)
	}
	return names
}

// audienceCookies are what Matomo, Google Analytics and AT Internet /
// Piano Analytics leave on a portal's domain (their documentations' names).
var audienceCookies = []string{
	"_pk_id.1.abcd", "_pk_ses.1.abcd", "_pk_ref.1.abcd", "mtm_consent",
	"_ga", "_ga_XYZ123", "_gid", "_gat_UA-1",
	"atuserid", "atidvisitor", "atauthority",
	"_pcid", "_pctx", "_pprv", "pa_vid", "pa_privacy",
}

// TestWithdrawalDeletesTheAudienceToolsCookiesByDefault: with the built-in
// configuration, withdrawing statistics deletes the cookies of the
// audience tools its text names, and nothing else.
func TestWithdrawalDeletesTheAudienceToolsCookiesByDefault(t *testing.T) {
	site := gatedSite(t, serverURL, "/gated.html")
	page := site.on("www.portal.test") + "/gated.html"
	v := newVisitor(t)
	v.open(page)
	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.acceptAll()`))
	v.waitTrue(`order.length === 4`, "the accepted scripts run")
	for _, name := range audienceCookies {
		v.do(chromedp.Evaluate[chromedp.Void](`document.cookie = "` + name + `=1; Path=/; Max-Age=3600"`))
	}
	v.do(chromedp.Evaluate[chromedp.Void](`document.cookie = "unrelated=keep; Path=/"`))
	require.Subset(t, cookieNamesOf(v, page), audienceCookies)

	v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.set({statistics: false})`))
	v.waitTrue(`document.cookie.split("; ").map(c => c.split("=")[0]).sort().join() === "cookies_preferences,unrelated"`,
		"the page sees every audience cookie gone")
	// The browser's cookie store learns of the page's writes a moment
	// later than the page itself.
	deadline := time.Now().Add(10 * time.Second)
	for !assert.ObjectsAreEqual([]string{"cookies_preferences", "unrelated"}, sorted(cookieNamesOf(v, page))) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	assert.ElementsMatch(t, []string{"unrelated", "cookies_preferences"}, cookieNamesOf(v, page),
		"every audience cookie is gone from the browser")
}

func sorted(s []string) []string {
	slices.Sort(s)
	return s
}
