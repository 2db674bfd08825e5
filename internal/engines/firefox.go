//go:build !js

package engines

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// FindFirefox returns the Firefox to run: $FIREFOX, else Debian's
// firefox-esr, else firefox.
func FindFirefox() (string, error) {
	return findBinary("FIREFOX", "firefox-esr", "firefox", "apt-get install -y firefox-esr")
}

// firefoxPrefs keep a test profile quiet and offline, beside the ones
// Firefox applies itself when remote-controlled (remote.prefs.recommended).
var firefoxPrefs = map[string]any{
	"browser.shell.checkDefaultBrowser":          false,
	"browser.startup.homepage_override.mstone":   "ignore",
	"datareporting.policy.dataSubmissionEnabled": false,
	"toolkit.telemetry.reportingpolicy.firstRun": false,
	"app.update.disabledForTesting":              true,
	"network.captive-portal-service.enabled":     false,
	"network.connectivity-service.enabled":       false,
	"browser.safebrowsing.update.enabled":        false,
	"services.settings.server":                   "http://127.0.0.1:9/", // nothing there: Remote Settings stay offline
	"ui.systemUsesDarkTheme":                     0,
}

type firefox struct {
	cmd     *exec.Cmd
	profile string
	conn    *bidi
	version string
}

// Firefox starts one headless Firefox with a fresh profile and connects to
// its WebDriver BiDi endpoint. Each [Page] then gets its own user context:
// its own cookie jar and storage, in the same browser process.
func Firefox(ctx context.Context) (Engine, error) {
	return startFirefox(ctx, nil)
}

// FirefoxWithPrefs is [Firefox] with more preferences in its profile, e.g.
// one that turns a web platform feature off to see how a page does
// without it.
func FirefoxWithPrefs(prefs map[string]any) func(context.Context) (Engine, error) {
	return func(ctx context.Context) (Engine, error) { return startFirefox(ctx, prefs) }
}

func startFirefox(ctx context.Context, extra map[string]any) (Engine, error) {
	bin, err := FindFirefox()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "cookie-consent-firefox-")
	if err != nil {
		return nil, err
	}
	var prefs strings.Builder
	for _, set := range []map[string]any{firefoxPrefs, extra} {
		for k, v := range set {
			val, err := json.Marshal(v)
			if err != nil {
				os.RemoveAll(profile)
				return nil, fmt.Errorf("firefox preference %s: %w", k, err)
			}
			fmt.Fprintf(&prefs, "user_pref(%q, %s);\n", k, val)
		}
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(prefs.String()), 0o644); err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	cmd := exec.Command(bin, "--headless", "--no-remote", "--remote-debugging-port=0", "--profile", profile, "about:blank")
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		os.RemoveAll(profile)
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	f := &firefox{cmd: cmd, profile: profile}
	endpoint := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "WebDriver BiDi listening on "); ok {
				select {
				case endpoint <- strings.TrimSpace(u):
				default:
				}
			}
		}
	}()
	var ws string
	select {
	case ws = <-endpoint:
	case <-time.After(60 * time.Second):
		f.Close()
		return nil, fmt.Errorf("%s never said where WebDriver BiDi listens", bin)
	case <-ctx.Done():
		f.Close()
		return nil, ctx.Err()
	}
	f.conn, err = dialBiDi(ctx, strings.TrimSuffix(ws, "/")+"/session")
	if err != nil {
		f.Close()
		return nil, err
	}
	var session struct {
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := f.conn.call(ctx, "session.new", map[string]any{"capabilities": map[string]any{}}, &session); err != nil {
		f.Close()
		return nil, err
	}
	f.version = session.Capabilities.BrowserName + " " + session.Capabilities.BrowserVersion
	return f, nil
}

func (f *firefox) Name() string    { return "firefox" }
func (f *firefox) Version() string { return f.version }

func (f *firefox) Close() error {
	if f.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = f.conn.call(ctx, "browser.close", nil, nil)
		cancel()
		_ = f.conn.close()
	}
	stopProcess(f.cmd)
	return os.RemoveAll(f.profile)
}

func (f *firefox) NewPage(ctx context.Context) (Page, error) {
	var uc struct {
		UserContext string `json:"userContext"`
	}
	if err := f.conn.call(ctx, "browser.createUserContext", nil, &uc); err != nil {
		return nil, err
	}
	var bc struct {
		Context string `json:"context"`
	}
	if err := f.conn.call(ctx, "browsingContext.create", map[string]any{"type": "tab", "userContext": uc.UserContext}, &bc); err != nil {
		return nil, err
	}
	p := &firefoxPage{conn: f.conn, context: bc.Context, userContext: uc.UserContext}
	if err := p.SetViewport(ctx, 1280, 800); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

type firefoxPage struct {
	conn                 *bidi
	context, userContext string
}

func (p *firefoxPage) Open(ctx context.Context, url string) error {
	return p.conn.call(ctx, "browsingContext.navigate", map[string]any{"context": p.context, "url": url, "wait": "complete"}, nil)
}

func (p *firefoxPage) Reload(ctx context.Context) error {
	return p.conn.call(ctx, "browsingContext.reload", map[string]any{"context": p.context, "wait": "complete"}, nil)
}

// evaluate runs script.evaluate and returns its string result.
func (p *firefoxPage) evaluate(ctx context.Context, expr string, await bool) (string, error) {
	var res struct {
		Type   string `json:"type"`
		Result struct {
			Type  string `json:"type"`
			Value any    `json:"value"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	err := p.conn.call(ctx, "script.evaluate", map[string]any{
		"expression": expr, "target": map[string]any{"context": p.context},
		"awaitPromise": await, "resultOwnership": "none",
	}, &res)
	if err != nil {
		return "", err
	}
	if res.Type == "exception" {
		return "", fmt.Errorf("%w: %s", errScriptException, res.ExceptionDetails.Text)
	}
	s, _ := res.Result.Value.(string)
	return s, nil
}

func (p *firefoxPage) Eval(ctx context.Context, expr string, out any) error {
	s, err := p.evaluate(ctx, jsonOf(expr), true)
	if err != nil {
		return fmt.Errorf("evaluating %s: %w", short(expr), err)
	}
	return decodeJSON(s, out)
}

func (p *firefoxPage) Exec(ctx context.Context, script string) error {
	_, err := p.evaluate(ctx, script+"\n;undefined", false)
	return err
}

func (p *firefoxPage) actions(ctx context.Context, source map[string]any) error {
	return p.conn.call(ctx, "input.performActions", map[string]any{"context": p.context, "actions": []any{source}}, nil)
}

func (p *firefoxPage) Click(ctx context.Context, x, y float64) error {
	return p.actions(ctx, mouseClick(x, y))
}

func (p *firefoxPage) Press(ctx context.Context, key string) error {
	return p.actions(ctx, keyPress(key))
}

func (p *firefoxPage) Cookies(ctx context.Context) ([]Cookie, error) {
	var loc struct{ Host, Path string }
	if err := p.Eval(ctx, `({Host: location.hostname, Path: location.pathname})`, &loc); err != nil {
		return nil, err
	}
	var res struct {
		Cookies []struct {
			Name  string `json:"name"`
			Value struct {
				Value string `json:"value"`
			} `json:"value"`
			Domain   string   `json:"domain"`
			Path     string   `json:"path"`
			HTTPOnly bool     `json:"httpOnly"`
			Secure   bool     `json:"secure"`
			SameSite string   `json:"sameSite"`
			Expiry   *float64 `json:"expiry"`
		} `json:"cookies"`
	}
	err := p.conn.call(ctx, "storage.getCookies", map[string]any{"partition": map[string]any{"type": "context", "context": p.context}}, &res)
	if err != nil {
		return nil, err
	}
	var out []Cookie
	for _, c := range res.Cookies {
		if !domainMatches(loc.Host, c.Domain) || !pathMatches(loc.Path, c.Path) {
			continue
		}
		k := Cookie{Name: c.Name, Value: c.Value.Value, Domain: c.Domain, Path: c.Path, HTTPOnly: c.HTTPOnly, Secure: c.Secure,
			SameSite: sameSiteName(c.SameSite)}
		if c.Expiry != nil {
			k.Expires = time.Unix(int64(math.Round(*c.Expiry)), 0)
		}
		out = append(out, k)
	}
	return out, nil
}

func (p *firefoxPage) Screenshot(ctx context.Context) ([]byte, error) {
	var res struct {
		Data string `json:"data"`
	}
	if err := p.conn.call(ctx, "browsingContext.captureScreenshot", map[string]any{"context": p.context, "origin": "viewport"}, &res); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(res.Data)
}

func (p *firefoxPage) SetViewport(ctx context.Context, width, height int) error {
	return p.conn.call(ctx, "browsingContext.setViewport", map[string]any{"context": p.context,
		"viewport": map[string]any{"width": width, "height": height}}, nil)
}

func (p *firefoxPage) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := p.conn.call(ctx, "browsingContext.close", map[string]any{"context": p.context}, nil)
	if err2 := p.conn.call(ctx, "browser.removeUserContext", map[string]any{"userContext": p.userContext}, nil); err == nil {
		err = err2
	}
	return err
}
