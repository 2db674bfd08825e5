//go:build !js

package main

import (
	"context"
	"fmt"
	"os"

	"github.com/chromedp/chromedp"
)

// findChromium looks where e2e/main_test.go does: $CHROMIUM, then Debian's
// and others' usual paths. Nothing is ever downloaded.
func findChromium() (string, error) {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found: apt-get install -y chromium (or set CHROMIUM)")
}

// startBrowser starts one headless Chromium with the e2e tests' flags, plus
// those that keep a page in a window that is not focused running at full
// speed (timers, animation frames): each load gets its own window.
func startBrowser(userData string) (ctx context.Context, stop func(), err error) {
	chromium, err := findChromium()
	if err != nil {
		return nil, nil, err
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.UserDataDir(userData),
		chromedp.WindowSize(1280, 800),
	)
	ctx, cancelBrowser := chromedp.NewContext(alloc)
	stop = func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", chromium, err)
	}
	return ctx, stop, nil
}
