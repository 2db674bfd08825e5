//go:build !js

package audit

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/debugger"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"github.com/opendata-portals/cookie-consent/app/consent"
)

// visit is one visitor's visit of one page, in a fresh browser context
// (an empty profile: no cookie, no storage, no cache).
type visit struct {
	browser context.Context
	page    string
	visitor Visitor
	settle  time.Duration // how long the network must stay quiet
	// panel: open the preferences panel at the end and read its switches.
	panel bool

	mu       sync.Mutex
	inflight map[network.RequestID]bool
	quietAt  time.Time // when the last request in flight ended
	requests []Request
}

// errHTTP is a page that answered with an HTTP error.
var errHTTP = errors.New("HTTP error")

// visitResult is what a visit yields besides the observation: the page's
// links (for the visitor who makes no choice) and whether the page itself
// failed to load, which ends its audit.
type visitResult struct {
	obs      Observation
	links    []string
	loadFail error
}

func (v *visit) run(ctx context.Context) visitResult {
	res := visitResult{obs: Observation{Visitor: v.visitor, Cookies: []Cookie{}, Storage: []StorageKey{}, Requests: []Request{}}}
	tab, cancel := chromedp.NewContext(v.browser, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(tab); err != nil { // opens the tab in its own browser context
		res.loadFail = fmt.Errorf("opening a tab: %w", err)
		return res
	}
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	v.inflight = map[network.RequestID]bool{}
	if err := chromedp.Listen(tab, v.onEvent); err != nil {
		res.loadFail = err
		return res
	}
	// The debugger gives each script-initiated request its stack, so the
	// report can name the script; it must never pause on a "debugger;".
	err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, debugger.Enable, debugger.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, debugger.SetSkipAllPauses, debugger.SetSkipAllPausesParams{Skip: true})
		return err
	}))
	if err != nil {
		res.loadFail = err
		return res
	}

	resp, err := chromedp.Run(tab, chromedp.NavigateResponse(v.page))
	switch {
	case err != nil:
		res.loadFail = err
		return res
	case resp != nil && resp.Status >= 400:
		res.loadFail = fmt.Errorf("%w %d", errHTTP, resp.Status)
		return res
	}
	v.waitQuiet(tab)

	if v.visitor == NoChoice {
		b, err := readBanner(tab)
		if err != nil {
			res.obs.Error = err.Error()
		}
		res.obs.Banner = &b
		res.links, _ = chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href]"), a => a.href)`))
	} else if err := v.answer(tab); err != nil {
		res.obs.Error = err.Error()
	}

	res.obs.At = time.Now()
	if err := v.snapshot(tab, &res.obs); err != nil && res.obs.Error == "" {
		res.obs.Error = err.Error()
	}
	if b := res.obs.Banner; v.panel && b != nil && b.FirstLayer {
		if err := openPanel(tab, b); err != nil && res.obs.Error == "" {
			res.obs.Error = err.Error()
		}
	}
	return res
}

// onEvent runs in chromedp's reading loop: it only records.
func (v *visit) onEvent(ev any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if e.Type != network.ResourceTypeEventSource { // a stream never ends
			v.inflight[e.RequestID] = true
		}
		if e.Request != nil && !e.Request.IsSameSite {
			if r, ok := thirdPartyRequest(e); ok {
				v.requests = append(v.requests, r)
			}
		}
	case *network.EventLoadingFinished:
		v.done(e.RequestID)
	case *network.EventLoadingFailed:
		v.done(e.RequestID)
	}
}

func (v *visit) done(id network.RequestID) {
	if v.inflight[id] {
		delete(v.inflight, id)
		v.quietAt = time.Now()
	}
}

// thirdPartyRequest keeps what the report needs of a request to another
// site: its URL without query or fragment, and the script that made it.
func thirdPartyRequest(e *network.EventRequestWillBeSent) (Request, bool) {
	u, err := url.Parse(e.Request.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ws" && u.Scheme != "wss") {
		return Request{}, false
	}
	u.RawQuery, u.Fragment, u.User = "", "", nil
	r := Request{URL: u.String(), Host: u.Hostname(), Type: string(e.Type)}
	if in := e.Initiator; in != nil {
		r.Initiator = in.URL
		for st := in.Stack; st != nil && r.Initiator == ""; st = st.Parent {
			for _, f := range st.CallFrames {
				if f.URL != "" {
					r.Initiator = f.URL
					break
				}
			}
		}
	}
	return r, true
}

// maxSettleWait bounds waitQuiet: a page that keeps a request open (long
// polling) counts as settled after it.
const maxSettleWait = 10 * time.Second

// waitQuiet waits until no request has been in flight for v.settle (or for
// maxSettleWait at most), or until the context ends: then the page has
// settled.
func (v *visit) waitQuiet(ctx context.Context) {
	v.mu.Lock()
	v.quietAt = time.Now()
	v.mu.Unlock()
	deadline := time.Now().Add(v.settle + maxSettleWait)
	for time.Now().Before(deadline) {
		v.mu.Lock()
		quiet := len(v.inflight) == 0 && time.Since(v.quietAt) >= v.settle
		v.mu.Unlock()
		if quiet {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// answer clicks "refuse all" or "accept all" on the first layer with the
// mouse, as a visitor does, waits for the consent cookie, lets the page
// settle, then loads the page again: the next page view must respect the
// choice too.
func (v *visit) answer(tab context.Context) error {
	action := "refuse-all"
	if v.visitor == AcceptAll {
		action = "accept-all"
	}
	sel := fmt.Sprintf(`[data-cc-action=%q]`, action)
	find := fmt.Sprintf(`(() => { const h = document.querySelector("cookie-consent"); const e = h && h.shadowRoot && h.shadowRoot.querySelector(%q);
		if (!e || e.getBoundingClientRect().height === 0) return null;
		e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`, sel)
	var box []float64
	for start := time.Now(); ; {
		b, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](find))
		if err == nil && len(b) == 2 {
			box = b
			break
		}
		if time.Since(start) > 5*time.Second {
			return fmt.Errorf("no %q button on the banner's first layer", action)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := chromedp.Do(tab, chromedp.MouseClickXY(box[0], box[1])); err != nil {
		return fmt.Errorf("clicking %q: %w", action, err)
	}
	stored := fmt.Sprintf(`document.cookie.split("; ").some(c => c.startsWith(%q))`, consent.CookieName+"=")
	if _, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](stored, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		return fmt.Errorf("clicking %q stored no %s cookie", action, consent.CookieName)
	}
	v.waitQuiet(tab)
	if err := chromedp.Do(tab, chromedp.Reload()); err != nil {
		return fmt.Errorf("loading the page again after the choice: %w", err)
	}
	v.waitQuiet(tab)
	return nil
}

// snapshot reads every cookie of the visitor's browser context (first- and
// third-party, HttpOnly too), the page's storage keys, and the requests
// made so far.
func (v *visit) snapshot(tab context.Context, o *Observation) error {
	c := chromedp.FromContext(tab)
	res, err := chromedp.CallBrowser(tab, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: c.BrowserContextID})
	if err != nil {
		return fmt.Errorf("reading cookies: %w", err)
	}
	// The page's host after any redirect decides what is first-party.
	pageHost := hostOf(v.page)
	if href, err := chromedp.Run(tab, chromedp.Evaluate[string](`location.href`)); err == nil && hostOf(href) != "" {
		pageHost = hostOf(href)
		o.finalURL = href
	}
	for _, k := range res.Cookies {
		o.Cookies = append(o.Cookies, cookieOf(k, pageHost))
	}
	slices.SortFunc(o.Cookies, func(a, b Cookie) int { return strings.Compare(a.Name+"\x00"+a.Domain, b.Name+"\x00"+b.Domain) })

	keys, err := chromedp.Run(tab, chromedp.Evaluate[[]StorageKey](`(() => {
		const out = [];
		for (const [area, name] of [["local", "localStorage"], ["session", "sessionStorage"]]) {
			try { for (let i = 0; i < window[name].length; i++) out.push({area, key: window[name].key(i)}); } catch (e) {}
		}
		return out; })()`))
	if err != nil {
		return fmt.Errorf("reading storage: %w", err)
	}
	o.Storage = append(o.Storage, keys...)
	slices.SortFunc(o.Storage, func(a, b StorageKey) int { return strings.Compare(a.Area+"\x00"+a.Key, b.Area+"\x00"+b.Key) })

	v.mu.Lock()
	o.Requests = append(o.Requests, v.requests...)
	v.mu.Unlock()
	return nil
}

// cookieOf keeps what the report needs of a browser cookie, never its value.
func cookieOf(k *network.Cookie, pageHost string) Cookie {
	c := Cookie{Name: k.Name, Domain: k.Domain, Path: k.Path, HTTPOnly: k.HTTPOnly, Secure: k.Secure, SameSite: string(k.SameSite)}
	if !k.Session && k.Expires > 0 {
		t := time.Unix(0, int64(k.Expires*float64(time.Second))).UTC()
		c.Expires = &t
	}
	domain := strings.TrimPrefix(k.Domain, ".")
	c.ThirdParty = !(pageHost == domain || strings.HasSuffix(pageHost, "."+domain))
	return c
}

// bannerJS reads the banner's state on the page: the loader's API object,
// its script tag (found as the loader finds itself), the withdrawal
// control, and the first layer with its two buttons, rendered.
const bannerJS = `(() => {
	const shown = e => !!e && e.getBoundingClientRect().height > 0;
	const s = document.querySelector("script[src*='consent.js']");
	const host = document.querySelector("cookie-consent");
	const root = host && host.shadowRoot;
	const layer = root && root.querySelector(".cc-banner");
	return {
		script: typeof window.cookieConsent === "object" && window.cookieConsent !== null,
		scriptURL: s ? s.src : "",
		withdrawalLink: !!document.querySelector('[data-cc="preferences"]'),
		firstLayer: shown(layer),
		refuseAll: shown(layer && layer.querySelector('[data-cc-action="refuse-all"]')),
		acceptAll: shown(layer && layer.querySelector('[data-cc-action="accept-all"]')),
		panelChecked: false
	};
})()`

func readBanner(tab context.Context) (BannerState, error) {
	b, err := chromedp.Run(tab, chromedp.Evaluate[BannerState](bannerJS))
	if err != nil {
		return BannerState{}, fmt.Errorf("reading the banner: %w", err)
	}
	return b, nil
}

// openPanel opens the preferences panel from the first layer, waits for the
// live banner to show its switches and lists the optional ones that are on.
func openPanel(tab context.Context, b *BannerState) error {
	box, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](`(() => { const e = document.querySelector("cookie-consent").shadowRoot.querySelector('[data-cc-action="customize"]');
		if (!e) return null; e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`))
	if err != nil || len(box) != 2 {
		return errors.New("the first layer has no button to open the preferences panel")
	}
	if err := chromedp.Do(tab, chromedp.MouseClickXY(box[0], box[1])); err != nil {
		return err
	}
	const switches = `document.querySelector("cookie-consent").shadowRoot.querySelectorAll("input.cc-switch").length > 0`
	if _, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](switches, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		return fmt.Errorf("the preferences panel did not open: %w", err)
	}
	on, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelector("cookie-consent").shadowRoot.querySelectorAll("input.cc-switch:not([disabled])"))
		.filter(i => i.checked).map(i => (i.closest("[data-category]") || {dataset: {}}).dataset.category || i.id)`))
	if err != nil {
		return err
	}
	b.PreTicked, b.PanelChecked = on, true
	return nil
}
