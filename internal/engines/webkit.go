//go:build !js

package engines

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// FindWebKit returns WebKitGTK's WebDriver and the MiniBrowser it drives:
// $WEBKIT_WEBDRIVER and $WEBKIT_MINIBROWSER, else Debian's paths.
func FindWebKit() (driver, browser string, err error) {
	driver, err = findBinary("WEBKIT_WEBDRIVER", "WebKitWebDriver", "apt-get install -y webkit2gtk-driver")
	if err != nil {
		return "", "", err
	}
	browser = os.Getenv("WEBKIT_MINIBROWSER")
	if browser == "" {
		found, _ := filepath.Glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser")
		if len(found) == 0 {
			return "", "", fmt.Errorf("WebKitGTK's MiniBrowser not found: apt-get install -y webkit2gtk-driver (or set WEBKIT_MINIBROWSER)")
		}
		browser = found[len(found)-1]
	}
	if _, err := os.Stat(browser); err != nil {
		return "", "", err
	}
	return driver, browser, nil
}

type webkit struct {
	xvfb    *xvfb
	driver  *exec.Cmd
	wd      *webdriver
	version string
	page    *webkitPage
}

// WebKit starts WebKitWebDriver on an Xvfb display of its own (this
// WebKitGTK's MiniBrowser has no headless mode: it is a GTK 3 window) and
// opens one session: one MiniBrowser, for every visitor. WebDriver classic
// gives a session no second cookie jar, so [Page.Close] deletes the cookies
// of every site the page opened; tests that need a jar of their own should
// also give each visitor a host of its own.
func WebKit(ctx context.Context) (Engine, error) {
	return startWebKit(ctx, "")
}

// WebKitWithFeatures is [WebKit] with MiniBrowser's --features, e.g.
// "-TrustedTypes" to turn a web platform feature off
// (MiniBrowser --features=help lists them).
func WebKitWithFeatures(features string) func(context.Context) (Engine, error) {
	return func(ctx context.Context) (Engine, error) { return startWebKit(ctx, features) }
}

func startWebKit(ctx context.Context, features string) (Engine, error) {
	driverBin, browserBin, err := FindWebKit()
	if err != nil {
		return nil, err
	}
	x, err := startXvfb(ctx)
	if err != nil {
		return nil, err
	}
	w := &webkit{xvfb: x}
	port, err := freePort()
	if err != nil {
		w.Close()
		return nil, err
	}
	w.driver = exec.Command(driverBin, "--port="+strconv.Itoa(port))
	w.driver.Env = append(os.Environ(), "DISPLAY="+x.display)
	w.driver.Stdout, w.driver.Stderr = io.Discard, io.Discard
	if err := w.driver.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("starting %s: %w", driverBin, err)
	}
	w.wd = &webdriver{base: "http://127.0.0.1:" + strconv.Itoa(port), client: &http.Client{}}
	if err := w.waitReady(ctx); err != nil {
		w.Close()
		return nil, err
	}
	var session struct {
		SessionID    string `json:"sessionId"`
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	args := []string{"--automation"}
	if features != "" {
		args = append(args, "--features="+features)
	}
	err = w.wd.do(ctx, "POST", "/session", map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"webkitgtk:browserOptions": map[string]any{"binary": browserBin, "args": args},
	}}}, &session)
	if err != nil {
		w.Close()
		return nil, err
	}
	w.wd.session = session.SessionID
	w.version = "webkitgtk " + session.Capabilities.BrowserVersion + " (" + session.Capabilities.BrowserName + ")"
	if err := w.wd.do(ctx, "POST", "/timeouts", map[string]any{"script": 60000, "pageLoad": 60000}, nil); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// waitReady waits until the driver answers its status.
func (w *webkit) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		var status struct {
			Ready bool `json:"ready"`
		}
		err := w.wd.do(ctx, "GET", "/status", nil, &status)
		if err == nil && status.Ready {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("WebKitWebDriver is not ready: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (w *webkit) Name() string    { return "webkit" }
func (w *webkit) Version() string { return w.version }

func (w *webkit) Close() error {
	if w.wd != nil && w.wd.session != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_ = w.wd.do(ctx, "DELETE", "", nil, nil)
		cancel()
	}
	stopProcess(w.driver)
	if w.xvfb != nil {
		w.xvfb.stop()
	}
	return nil
}

func (w *webkit) NewPage(ctx context.Context) (Page, error) {
	if w.page != nil {
		return nil, fmt.Errorf("webkit: one page at a time (close the last one first)")
	}
	p := &webkitPage{engine: w, wd: w.wd, origins: map[string]bool{}}
	if err := p.Open(ctx, "about:blank"); err != nil {
		return nil, err
	}
	if err := p.SetViewport(ctx, 1280, 800); err != nil {
		return nil, err
	}
	w.page = p
	return p, nil
}

type webkitPage struct {
	engine  *webkit
	wd      *webdriver
	origins map[string]bool // the sites opened, whose cookies Close deletes
}

func (p *webkitPage) Open(ctx context.Context, rawURL string) error {
	if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
		p.origins[u.Scheme+"://"+u.Host] = true
	}
	return p.wd.do(ctx, "POST", "/url", map[string]any{"url": rawURL}, nil)
}

func (p *webkitPage) Reload(ctx context.Context) error {
	return p.wd.do(ctx, "POST", "/refresh", map[string]any{}, nil)
}

func (p *webkitPage) Eval(ctx context.Context, expr string, out any) error {
	var res struct {
		OK    *string `json:"ok"`
		Error string  `json:"error"`
	}
	script := `const done = arguments[arguments.length - 1];
		(` + jsonOf(expr) + `).then(s => done({ok: s}), e => done({error: String(e && e.stack || e)}));`
	if err := p.wd.do(ctx, "POST", "/execute/async", map[string]any{"script": script, "args": []any{}}, &res); err != nil {
		return fmt.Errorf("evaluating %s: %w", short(expr), err)
	}
	if res.OK == nil {
		return fmt.Errorf("evaluating %s: %w: %s", short(expr), errScriptException, res.Error)
	}
	return decodeJSON(*res.OK, out)
}

func (p *webkitPage) Exec(ctx context.Context, script string) error {
	return p.wd.do(ctx, "POST", "/execute/sync", map[string]any{"script": script, "args": []any{}}, nil)
}

func (p *webkitPage) actions(ctx context.Context, source map[string]any) error {
	if err := p.wd.do(ctx, "POST", "/actions", map[string]any{"actions": []any{source}}, nil); err != nil {
		return err
	}
	return p.wd.do(ctx, "DELETE", "/actions", nil, nil)
}

func (p *webkitPage) Click(ctx context.Context, x, y float64) error {
	return p.actions(ctx, mouseClick(x, y))
}

func (p *webkitPage) Press(ctx context.Context, key string) error {
	return p.actions(ctx, keyPress(key))
}

func (p *webkitPage) Cookies(ctx context.Context) ([]Cookie, error) {
	var res []struct {
		Name     string `json:"name"`
		Value    string `json:"value"`
		Domain   string `json:"domain"`
		Path     string `json:"path"`
		HTTPOnly bool   `json:"httpOnly"`
		Secure   bool   `json:"secure"`
		SameSite string `json:"sameSite"`
		Expiry   *int64 `json:"expiry"`
	}
	if err := p.wd.do(ctx, "GET", "/cookie", nil, &res); err != nil {
		return nil, err
	}
	var out []Cookie
	for _, c := range res {
		k := Cookie{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path, HTTPOnly: c.HTTPOnly, Secure: c.Secure,
			SameSite: sameSiteName(c.SameSite)}
		if c.Expiry != nil {
			k.Expires = time.Unix(*c.Expiry, 0)
		}
		out = append(out, k)
	}
	return out, nil
}

func (p *webkitPage) Screenshot(ctx context.Context) ([]byte, error) {
	var data string
	if err := p.wd.do(ctx, "GET", "/screenshot", nil, &data); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(data)
}

// SetViewport sizes the window so that its viewport is width × height:
// WebDriver classic sizes the window, toolbar included, and GTK applies a
// new size a moment later.
func (p *webkitPage) SetViewport(ctx context.Context, width, height int) error {
	var got []int
	viewport := func() error { return p.Eval(ctx, `[innerWidth, innerHeight]`, &got) }
	if err := viewport(); err != nil {
		return err
	}
	w, h := width, height
	for range 5 {
		if got[0] == width && got[1] == height {
			return nil
		}
		var rect struct{ Width, Height int }
		if err := p.wd.do(ctx, "GET", "/window/rect", nil, &rect); err != nil {
			return err
		}
		w, h = rect.Width+width-got[0], rect.Height+height-got[1]
		if err := p.wd.do(ctx, "POST", "/window/rect", map[string]any{"width": w, "height": h}, nil); err != nil {
			return err
		}
		for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if err := viewport(); err != nil {
				return err
			}
			if got[0] == width && got[1] == height {
				return nil
			}
		}
	}
	return fmt.Errorf("webkit: cannot make the viewport %d × %d (it is %d × %d)", width, height, got[0], got[1])
}

// Close deletes the cookies of every site the page opened (the session's
// one jar is shared by every page) and leaves the window on about:blank.
func (p *webkitPage) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p.engine.page = nil
	var first error
	for origin := range p.origins {
		if err := p.wd.do(ctx, "POST", "/url", map[string]any{"url": origin + "/"}, nil); err != nil && first == nil {
			first = err
			continue
		}
		if err := p.wd.do(ctx, "DELETE", "/cookie", nil, nil); err != nil && first == nil {
			first = err
		}
	}
	if err := p.wd.do(ctx, "POST", "/url", map[string]any{"url": "about:blank"}, nil); err != nil && first == nil {
		first = err
	}
	return first
}
