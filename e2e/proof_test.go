//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
	"github.com/opendata-portals/cookie-consent/proof"
)

const operatorToken = "e2e-operator-token-0123456789"

// startProofServer runs the server with a configuration that enables proof
// of consent, a new SQLite database and the operator token; pages of
// allowedOrigin may record too; extra are more flags.
func startProofServer(t *testing.T, allowedOrigin string, extra ...string) (url string, cfg *config.Config, stop func()) {
	t.Helper()
	cfg = config.Default()
	cfg.Proof.Enabled = true
	data, err := json.Marshal(cfg)
	require.NoError(t, err)
	dir := t.TempDir()
	file := filepath.Join(dir, "site.json")
	require.NoError(t, os.WriteFile(file, data, 0o644))
	args := []string{"-config", file, "-proof-db", filepath.Join(dir, "proof.db"), "-operator-token", operatorToken}
	if allowedOrigin != "" {
		args = append(args, "-allowed-origins", allowedOrigin)
	}
	url, stop, err = startServer(append(args, extra...)...)
	require.NoError(t, err)
	t.Cleanup(stop)
	return url, cfg, stop
}

// recordsOf asks the operator API for a consent id's records, waiting for
// the first one: the loader sends it without blocking the banner.
func recordsOf(t *testing.T, server, id string) []proof.Record {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		req, err := http.NewRequest("GET", server+"/api/consents/"+id, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+operatorToken)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			var got struct{ Records []proof.Record }
			require.NoError(t, json.Unmarshal(body, &got))
			return got.Records
		}
		require.Equal(t, http.StatusNotFound, resp.StatusCode, "%s", body)
		require.True(t, time.Now().Before(deadline), "the choice %s was not recorded", id)
		time.Sleep(100 * time.Millisecond)
	}
}

// TestChoicesAreRecordedAsProof follows a visitor's "Tout refuser" on the
// demo page, then an "Accept all" on a portal page of another origin (in
// English, with a query string): the operator's look-up by the id in the
// cookie returns each choice with its categories, revision, language,
// texts hash, origin and path, and the texts behind the hash are served; a
// change of mind is recorded too.
func TestChoicesAreRecordedAsProof(t *testing.T) {
	site := newHostSite(t)
	srv, cfg, _ := startProofServer(t, site.URL)
	hashes := proof.TextsHashes(cfg)

	t.Run("demo page", func(t *testing.T) {
		v := newVisitor(t)
		v.open(srv + "/")
		v.click("[data-cc-action=refuse-all]")
		choice, _ := v.waitChoice(srv)

		records := recordsOf(t, srv, choice.ID)
		require.Len(t, records, 1)
		r := records[0]
		assert.Equal(t, choice.TS, r.TS)
		assert.Equal(t, choice.Categories, r.Categories)
		assert.Equal(t, cfg.Revision, r.Rev)
		assert.Equal(t, "fr", r.Lang)
		assert.Equal(t, hashes["fr"], r.TextsHash)
		assert.Equal(t, proof.RefuseAll, r.Kind)
		assert.Equal(t, srv, r.Origin)
		assert.Equal(t, "/", r.Path)

		resp, err := http.Get(srv + "/api/texts/" + r.TextsHash)
		require.NoError(t, err)
		texts, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, r.TextsHash, proof.HashOf(texts), "the served texts hash to the recorded hash")
		assert.Contains(t, string(texts), `"refuseAll":"Tout refuser"`, "what the visitor was shown")

		// Changing their mind from the footer link records the new choice
		// (the banner gives each choice a new consent id).
		v.clickPage(`a[data-cc="preferences"]`)
		v.click("#cc-switch-statistics")
		v.click("[data-cc-action=save]")
		var second consent.Choice
		deadline := time.Now().Add(10 * time.Second)
		for second.ID == "" || second.ID == choice.ID {
			require.True(t, time.Now().Before(deadline), "no second choice was stored")
			time.Sleep(50 * time.Millisecond)
			second, _ = v.waitChoice(srv)
		}
		records = recordsOf(t, srv, second.ID)
		require.Len(t, records, 1)
		assert.Equal(t, proof.Custom, records[0].Kind)
		assert.True(t, records[0].Categories["statistics"])
	})

	t.Run("portal page on another origin", func(t *testing.T) {
		site.page("/portal/page.html", `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
<script src="`+srv+`/consent.js" defer></script></head><body><main><h1>Open data</h1></main>
<footer><a href="#" data-cc="preferences">Cookie settings</a></footer></body></html>`)
		v := newVisitor(t)
		v.open(site.URL + "/portal/page.html?q=trees&email=someone%40example.org#top")
		v.click("[data-cc-action=accept-all]")
		choice, _ := v.waitChoice(site.URL)

		records := recordsOf(t, srv, choice.ID)
		require.Len(t, records, 1)
		r := records[0]
		assert.Equal(t, proof.AcceptAll, r.Kind)
		assert.Equal(t, "en", r.Lang)
		assert.Equal(t, hashes["en"], r.TextsHash)
		assert.Equal(t, site.URL, r.Origin)
		assert.Equal(t, "/portal/page.html", r.Path, "never the query string or the fragment")
	})
}

// TestChoiceWorksWhenTheProofServerIsDown stops the consent server once the
// banner is live: the visitor's choice is stored and applied all the same,
// and nothing throws into the page.
func TestChoiceWorksWhenTheProofServerIsDown(t *testing.T) {
	srv, _, stop := startProofServer(t, "")
	v := newVisitor(t)
	exceptions := make(chan string, 10)
	go func() {
		for m, err := range chromedp.Console(v.ctx) {
			if err != nil {
				return
			}
			if m.IsException() {
				exceptions <- m.Text
			}
		}
	}()
	v.open(srv + "/")
	v.waitFor(".cc-banner")
	stop()

	v.click("[data-cc-action=refuse-all]")
	choice, _ := v.waitChoice(srv)
	assert.False(t, choice.Accepted("statistics"))
	v.waitTrue(`!`+inBanner(".cc-banner"), "the banner closes")
	assert.Equal(t, choice.ID, eval[string](v, `cookieConsent.get().id`), "the page's API has the choice")
	time.Sleep(500 * time.Millisecond) // let the failed request settle
	select {
	case e := <-exceptions:
		t.Fatalf("the page got an exception: %s", e)
	default:
	}
	assert.False(t, strings.Contains(eval[string](v, `document.body.textContent`), "undefined"))
}

// TestChoiceNotStoredIsNotRecorded: on a page that drops document.cookie
// writes, the visitor's choice holds for the page view, but no proof is
// sent for a choice that never took effect, and the page gets one warning.
func TestChoiceNotStoredIsNotRecorded(t *testing.T) {
	site := newHostSite(t)
	srv, _, _ := startProofServer(t, site.URL)
	site.page("/no-cookies.html", `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Sans cookies</title>
<script>Object.defineProperty(document, "cookie", {configurable: true, get: function () { return ""; }, set: function () {}});</script>
<script src="`+srv+`/consent.js" defer></script></head><body><main><h1>Portail</h1></main></body></html>`)
	v := newVisitor(t)
	v.open("about:blank") // tie the tab to v.ctx before listening
	ctx, cancel := context.WithTimeout(v.ctx, 30*time.Second)
	defer cancel()
	console := chromedp.Console(ctx)
	v.open(site.URL + "/no-cookies.html")
	v.click("[data-cc-action=refuse-all]")

	var warnings []string
	for m, err := range console {
		require.NoError(t, err, "no warning came; got %v", warnings)
		require.False(t, m.IsException(), "no exception: %s", m.Text)
		if strings.Contains(m.Text, "cookie-consent:") {
			warnings = append(warnings, m.Text)
			break
		}
	}
	assert.Contains(t, warnings[0], "not recorded as proof of consent")
	id := eval[string](v, `cookieConsent.get().id`)
	require.NotEmpty(t, id, "the choice holds for this page view")

	// The warning comes instead of the request: by now none was sent.
	req, err := http.NewRequest("GET", srv+"/api/consents/"+id, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+operatorToken)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "no proof of a choice that was not stored")
	req, err = http.NewRequest("GET", srv+"/operator/export.csv", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+operatorToken)
	resp, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	csv, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, 1, strings.Count(string(csv), "\n"), "the export holds its header line only: %s", csv)
}

// TestOperatorLogoutEndsTheSession logs in with the form in Chromium (which
// sends Sec-Fetch-Site and Origin as a real operator's browser does), logs
// out with the button, then replays a copy of the session cookie taken
// before: the server refuses it.
func TestOperatorLogoutEndsTheSession(t *testing.T) {
	srv, _, _ := startProofServer(t, "")
	v := newVisitor(t)
	v.open(srv + "/operator/login")
	eval[bool](v, `document.querySelector("input[name=token]").value = "`+operatorToken+`"; true`)
	v.clickPage(`form[action="/operator/login"] button`)
	v.waitAcrossNavigation(`location.pathname === "/operator/" && document.querySelector('form[action="/operator/logout"]') !== null`, "the overview opens")
	var session string
	for _, c := range v.cookies(srv + "/operator/") {
		if c.Name == "cc_operator" {
			session = c.Name + "=" + c.Value
		}
	}
	require.NotEmpty(t, session)
	overview := func() int {
		req, err := http.NewRequest("GET", srv+"/operator/", nil)
		require.NoError(t, err)
		req.Header.Set("Cookie", session)
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	require.Equal(t, http.StatusOK, overview(), "the copied cookie opens the overview")

	v.clickPage(`form[action="/operator/logout"] button`)
	v.waitAcrossNavigation(`location.pathname === "/operator/login"`, "back to the login form")
	assert.Equal(t, http.StatusSeeOther, overview(), "the copy replayed after logout opens nothing")
}

// TestDemoRecordsBehindAHostRewritingProxy serves the server behind a
// reverse proxy that sends its own Host (nginx's default): with -public-url
// naming the proxy's origin, a visitor's choice on the demo page, reached
// through the proxy, is recorded. (Without the flag it is not: the Host the
// server sees is not the page's.)
func TestDemoRecordsBehindAHostRewritingProxy(t *testing.T) {
	proxy := httptest.NewUnstartedServer(nil) // listening: its URL is known
	public := "http://" + proxy.Listener.Addr().String()
	srv, _, _ := startProofServer(t, "", "-public-url", public)
	target, err := url.Parse(srv)
	require.NoError(t, err)
	proxy.Config.Handler = &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target) // the Host header becomes the server's own address
		r.SetXForwarded()
	}}
	proxy.Start()
	t.Cleanup(proxy.Close)

	v := newVisitor(t)
	v.open(public + "/")
	v.click("[data-cc-action=refuse-all]")
	choice, _ := v.waitChoice(public)
	records := recordsOf(t, srv, choice.ID)
	require.Len(t, records, 1)
	assert.Equal(t, public, records[0].Origin, "recorded from the configured public origin")
}
