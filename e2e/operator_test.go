//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
	"github.com/opendata-portals/cookie-consent/proof"
)

// postChoices records n choices of each kind, as the loader of the
// server's own demo page would send them, received today.
func postChoices(t *testing.T, server string, cfg *config.Config, n int) {
	t.Helper()
	kinds := []map[string]bool{
		{"necessary": true, "statistics": true, "first_party": true, "third_party": true},
		{"necessary": true, "statistics": false, "first_party": false, "third_party": false},
		{"necessary": true, "statistics": true, "first_party": false, "third_party": false},
	}
	for i := range n * len(kinds) {
		body, err := json.Marshal(map[string]any{
			"v": 1, "id": consent.NewID(), "ts": time.Now().Unix(), "rev": cfg.Revision,
			"textsHash": proof.TextsHashes(cfg)["fr"], "lang": "fr", "categories": kinds[i%len(kinds)],
			"origin": server, "path": "/",
		})
		require.NoError(t, err)
		req, err := http.NewRequest(http.MethodPost, server+"/api/consents", strings.NewReader(string(body)))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "text/plain")
		req.Header.Set("Origin", server)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusCreated, resp.StatusCode)
	}
}

// rectOf is the bounding box of the page's element matching selector:
// left, top, width, height.
func rectOf(v *visitor, selector string) []float64 {
	v.t.Helper()
	return eval[[]float64](v, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`, selector))
}

// textMiddleOf is the vertical middle of the text inside the element.
func textMiddleOf(v *visitor, selector string) float64 {
	v.t.Helper()
	return eval[float64](v, fmt.Sprintf(`(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector(%q));
		const b = r.getBoundingClientRect(); return b.top + b.height / 2; })()`, selector))
}

// TestOperatorPagesInFrenchWithAlignedControls: a browser without an
// English preference gets the operator's pages in French; in each form row
// the inputs, the buttons and the "Exporter en CSV" link are as tall as one
// another, top and bottom aligned, with their text in the middle. With
// CONSENT_SCREENSHOTS set (./build.sh screenshot) it saves
// docs/operator.png for the documentation.
func TestOperatorPagesInFrenchWithAlignedControls(t *testing.T) {
	server, cfg, _ := startProofServer(t, "")
	postChoices(t, server, cfg, 3)
	v := newVisitor(t)
	v.emulateWidth(1100, 760, 1)
	// A French operator's browser (headless Chromium says en-US by itself).
	v.do(chromedp.Navigate("about:blank"), chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}})
		return err
	}))
	v.do(chromedp.Navigate(server + "/operator/login"))
	v.waitTrue(`!!document.querySelector("input[name=token]")`, "the login form")
	assert.Equal(t, "fr", eval[string](v, `document.documentElement.lang`))
	v.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("input[name=token]").value = "` + operatorToken + `"`))
	v.clickPage(`.login button[type=submit]`)
	v.waitAcrossNavigation(`location.pathname === "/operator/" && !!document.querySelector("form.inline")`, "the overview after logging in")

	assert.Equal(t, "Choix reçus", eval[string](v, `document.querySelector("h1").textContent`))
	assert.Equal(t, "Exporter en CSV", eval[string](v, `document.querySelector("form.inline a.button").textContent`))
	controls := []string{`input[name=from]`, `input[name=to]`, `form.inline button`, `form.inline a.button`}
	first := rectOf(v, controls[0])
	for _, c := range controls[1:] {
		r := rectOf(v, c)
		assert.InDelta(t, first[1], r[1], 0.5, "%s: same top as the date inputs", c)
		assert.InDelta(t, first[3], r[3], 0.5, "%s: same height as the date inputs", c)
	}
	for _, c := range controls[2:] {
		r := rectOf(v, c)
		assert.InDelta(t, r[1]+r[3]/2, textMiddleOf(v, c), 1.5, "%s: its text is in the middle", c)
	}
	if dir := os.Getenv("CONSENT_SCREENSHOTS"); dir != "" {
		res, err := chromedp.Call(v.ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{})
		require.NoError(t, err)
		small, err := shrinkPNG(res.Data)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "operator.png"), small, 0o644))
	}

	v.do(chromedp.Navigate(server + "/operator/consents"))
	v.waitTrue(`!!document.querySelector("input[name=id]")`, "the look-up form")
	assert.Equal(t, "Rechercher", eval[string](v, `document.querySelector("form.inline button").textContent`))
	in, button := rectOf(v, `input[name=id]`), rectOf(v, `form.inline button`)
	assert.InDelta(t, in[1], button[1], 0.5, "Rechercher: same top as its input")
	assert.InDelta(t, in[3], button[3], 0.5, "Rechercher: same height as its input")

	v.clickPage(`a.lang`)
	v.waitAcrossNavigation(`document.documentElement.lang === "en"`, "the switch to English")
	assert.Equal(t, "Look up", eval[string](v, `document.querySelector("form.inline button").textContent`))
}
