//go:build !js

package engines

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

type chromium struct {
	browser context.Context
	version string
}

// Chromium drives the Chromium already started by internal/headless (its
// context, as headless.Start returns it): each [Page] is a new browser
// context (its own cookie jar) with one tab. Close leaves the browser to
// whoever started it.
func Chromium(ctx context.Context, browserCtx context.Context) (Engine, error) {
	v, err := chromedp.CallBrowser(browserCtx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		return nil, fmt.Errorf("chromium: %w", err)
	}
	name, version, _ := strings.Cut(v.Product, "/")
	_ = name // "HeadlessChrome" or "Chrome": the engine is Chromium either way
	return &chromium{browser: browserCtx, version: "chromium " + version}, nil
}

func (c *chromium) Name() string    { return "chromium" }
func (c *chromium) Version() string { return c.version }
func (c *chromium) Close() error    { return nil }

func (c *chromium) NewPage(ctx context.Context) (Page, error) {
	tab, cancel := chromedp.NewContext(c.browser, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(tab, chromedp.EmulateViewport(1280, 800)); err != nil {
		cancel()
		return nil, err
	}
	return &chromiumPage{tab: tab, cancel: cancel}, nil
}

type chromiumPage struct {
	tab    context.Context
	cancel context.CancelFunc
}

// in runs an action on the tab, for as long as ctx allows.
func in[T any](ctx context.Context, p *chromiumPage, a chromedp.Action[T]) (T, error) {
	tab, cancel := context.WithCancel(p.tab)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	return chromedp.Run(tab, a)
}

func (p *chromiumPage) do(ctx context.Context, a chromedp.Action[chromedp.Void]) error {
	_, err := in(ctx, p, a)
	return err
}

func (p *chromiumPage) Open(ctx context.Context, url string) error {
	return p.do(ctx, chromedp.Navigate(url))
}

func (p *chromiumPage) Reload(ctx context.Context) error { return p.do(ctx, chromedp.Reload()) }

func (p *chromiumPage) Eval(ctx context.Context, expr string, out any) error {
	s, err := in(ctx, p, chromedp.Evaluate[string](jsonOf(expr), chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("evaluating %s: %w", short(expr), err)
	}
	return decodeJSON(s, out)
}

func (p *chromiumPage) Exec(ctx context.Context, script string) error {
	return p.do(ctx, chromedp.Evaluate[chromedp.Void](script+"\n;undefined"))
}

func (p *chromiumPage) Click(ctx context.Context, x, y float64) error {
	return p.do(ctx, chromedp.MouseClickXY(x, y))
}

// chromiumKeys maps the WebDriver key codes to chromedp's.
var chromiumKeys = map[string]string{Tab: kb.Tab, Enter: kb.Enter, Escape: kb.Escape}

func (p *chromiumPage) Press(ctx context.Context, key string) error {
	if k, ok := chromiumKeys[key]; ok {
		key = k
	}
	return p.do(ctx, chromedp.KeyEvent(key))
}

func (p *chromiumPage) Cookies(ctx context.Context) ([]Cookie, error) {
	var href string
	if err := p.Eval(ctx, `location.href`, &href); err != nil {
		return nil, err
	}
	if _, err := url.Parse(href); err != nil {
		return nil, err
	}
	res, err := in(ctx, p, chromedp.Action[[]*network.Cookie](func(ctx context.Context, t *chromedp.Target) ([]*network.Cookie, error) {
		r, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{href}})
		if err != nil {
			return nil, err
		}
		return r.Cookies, nil
	}))
	if err != nil {
		return nil, err
	}
	var out []Cookie
	for _, c := range res {
		k := Cookie{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path, HTTPOnly: c.HTTPOnly, Secure: c.Secure,
			SameSite: sameSiteName(string(c.SameSite))}
		if !c.Session {
			k.Expires = time.Unix(int64(c.Expires), 0)
		}
		out = append(out, k)
	}
	return out, nil
}

func (p *chromiumPage) Screenshot(ctx context.Context) ([]byte, error) {
	return in(ctx, p, chromedp.CaptureScreenshot())
}

func (p *chromiumPage) SetViewport(ctx context.Context, width, height int) error {
	return p.do(ctx, chromedp.EmulateViewport(int64(width), int64(height)))
}

func (p *chromiumPage) Close() error {
	p.cancel()
	return nil
}
