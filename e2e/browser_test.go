//go:build !js

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/consent"
)

// visitor is one visitor's browser: a fresh browser context (its own cookie
// jar) with one tab.
type visitor struct {
	t   *testing.T
	ctx context.Context
}

func newVisitor(t *testing.T) *visitor {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return &visitor{t: t, ctx: ctx}
}

func (v *visitor) do(actions ...chromedp.Action[chromedp.Void]) {
	v.t.Helper()
	require.NoError(v.t, chromedp.Do(v.ctx, actions...))
}

// eval evaluates a JavaScript expression on the page and decodes its value.
func eval[T any](v *visitor, expr string) T {
	v.t.Helper()
	res, err := chromedp.Run(v.ctx, chromedp.Evaluate[T](expr))
	require.NoError(v.t, err, "evaluating %s", expr)
	return res
}

func (v *visitor) open(url string) {
	v.t.Helper()
	v.do(chromedp.Navigate(url))
}

// shadow is the JavaScript expression of the banner's shadow root.
const shadow = `document.querySelector("cookie-consent").shadowRoot`

// inBanner is a JavaScript expression, true when the selector matches an
// element of the banner that is rendered (has a height) right now.
func inBanner(selector string) string {
	return fmt.Sprintf(`(() => { const h = document.querySelector("cookie-consent"); const e = h && h.shadowRoot && h.shadowRoot.querySelector(%q);
		return !!e && e.getBoundingClientRect().height > 0; })()`, selector)
}

// waitTrue waits until the JavaScript expression is true on the page.
func (v *visitor) waitTrue(expr, msg string) {
	v.t.Helper()
	_, err := chromedp.Run(v.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second)))
	for tries := 0; err != nil && strings.Contains(err.Error(), "Cannot find context with specified id") && tries < 3; tries++ {
		// Right after a navigation chromedp may still hold the previous
		// page's JavaScript context; the next poll takes the new one.
		time.Sleep(50 * time.Millisecond)
		_, err = chromedp.Run(v.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second)))
	}
	require.NoError(v.t, err, msg)
}

// waitAcrossNavigation waits until the expression is true on the page,
// while the page may be navigating or reloading (which makes evaluation
// fail for a moment).
func (v *visitor) waitAcrossNavigation(expr, msg string) {
	v.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ok, err := chromedp.Run(v.ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		require.True(v.t, time.Now().Before(deadline), "%s (last error: %v)", msg, err)
		time.Sleep(50 * time.Millisecond)
	}
}

// waitFor waits until the selector matches a visible element in the banner.
func (v *visitor) waitFor(selector string) {
	v.t.Helper()
	v.waitTrue(inBanner(selector), "waiting for "+selector+" in the banner")
}

// visible reports whether the selector matches a rendered element in the
// banner right now.
func (v *visitor) visible(selector string) bool {
	v.t.Helper()
	return eval[bool](v, inBanner(selector))
}

// waitReturning waits until a returning visitor's page has loaded and
// checks what the loader did meanwhile: it mounted nothing and started no
// wasm (there is nothing to show), yet the API already answers.
func (v *visitor) waitReturning() {
	v.t.Helper()
	v.waitTrue(`document.readyState === "complete" && cookieConsent.get() !== null`, "waiting for the page to load")
	require.False(v.t, eval[bool](v, `!!document.querySelector("cookie-consent")`), "a returning visitor's page mounts no banner")
	require.Zero(v.t, eval[int](v, `performance.getEntriesByType("resource").filter(e => e.name.endsWith(".wasm") && e.startTime < performance.timing.loadEventEnd - performance.timeOrigin).length`),
		"nor fetches the wasm before the page has loaded")
}

// click clicks the centre of an element of the banner with the mouse, as a
// visitor does: if something covers it, the click lands on that instead.
func (v *visitor) click(selector string) {
	v.t.Helper()
	v.waitFor(selector)
	v.clickIn(shadow, selector)
}

// clickPage clicks an element of the host page itself with the mouse.
func (v *visitor) clickPage(selector string) {
	v.t.Helper()
	v.clickIn("document", selector)
}

// clickIn scrolls the element matching selector under root (a JavaScript
// expression) into view and clicks its centre.
func (v *visitor) clickIn(root, selector string) {
	v.t.Helper()
	at := v.stillCentre(root, selector)
	v.do(chromedp.MouseClickXY(at[0], at[1]))
}

// stillCentre scrolls the element matching selector under root into view
// and returns its centre once it stands still where the visitor sees it:
// the same in two frames in a row. Not at once: what scrolling brings on
// screen is drawn in the frames after (the prerendered panel's categories:
// content-visibility), and may move it.
func (v *visitor) stillCentre(root, selector string) []float64 {
	v.t.Helper()
	at, err := chromedp.Run(v.ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`new Promise((resolve) => {
		const e = %s.querySelector(%q); e.scrollIntoView({block: "center"});
		let last = "", frames = 0;
		const step = () => {
			const r = e.getBoundingClientRect(), c = [r.x + r.width / 2, r.y + r.height / 2];
			if (c.join() === last || ++frames > 60) { resolve(c); return; }
			last = c.join();
			requestAnimationFrame(step);
		};
		requestAnimationFrame(step);
	})`, root, selector), chromedp.EvalAwaitPromise))
	require.NoError(v.t, err, "waiting for %s to stand still", selector)
	return at
}

// cookies returns the browser's cookies for the url.
func (v *visitor) cookies(url string) []*network.Cookie {
	v.t.Helper()
	res, err := chromedp.Run(v.ctx, chromedp.Action[[]*network.Cookie](func(ctx context.Context, t *chromedp.Target) ([]*network.Cookie, error) {
		r, err := cdp.Call(ctx, t, network.GetCookies, network.GetCookiesParams{URLs: []string{url}})
		if err != nil {
			return nil, err
		}
		return r.Cookies, nil
	}))
	require.NoError(v.t, err)
	return res
}

// consentCookie returns the stored cookies_preferences, or nil.
func (v *visitor) consentCookie(url string) *network.Cookie {
	v.t.Helper()
	for _, c := range v.cookies(url) {
		if c.Name == consent.CookieName {
			return c
		}
	}
	return nil
}

// waitChoice waits for the consent cookie to be written and decodes it.
func (v *visitor) waitChoice(url string) (consent.Choice, *network.Cookie) {
	v.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if c := v.consentCookie(url); c != nil {
			choice, err := consent.Decode(c.Value)
			require.NoError(v.t, err, "the stored cookie decodes")
			return choice, c
		}
		require.True(v.t, time.Now().Before(deadline), "no %s cookie was written", consent.CookieName)
		time.Sleep(50 * time.Millisecond)
	}
}

// setCookie stores a cookie in the visitor's browser, as an earlier visit would.
func (v *visitor) setCookie(url, name, value string) {
	v.t.Helper()
	v.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.SetCookie, network.SetCookieParams{URL: url, Name: name, Value: value, Path: "/"})
		return err
	}))
}

// screenshot saves what the visitor sees as a PNG in $CONSENT_SCREENSHOTS,
// when set (./build.sh screenshot): the pictures in the README and docs/proof.md.
func (v *visitor) screenshot(name string) {
	v.t.Helper()
	dir := os.Getenv("CONSENT_SCREENSHOTS")
	if dir == "" {
		return
	}
	v.do(chromedp.Evaluate[chromedp.Void](`Promise.all(`+shadow+`.getAnimations().map(a => a.finished)).then(() => true)`,
		chromedp.EvalAwaitPromise))
	png, err := chromedp.Run(v.ctx, chromedp.CaptureScreenshot())
	require.NoError(v.t, err)
	require.NoError(v.t, os.WriteFile(filepath.Join(dir, name), png, 0o644))
}
