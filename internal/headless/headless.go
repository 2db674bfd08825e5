//go:build !js

// Package headless starts the Debian Chromium that the end-to-end tests and
// the benchmark drive, with the same flags for both: what one measures is
// what the other tests.
package headless

import (
	"context"
	"fmt"
	"os"

	"github.com/chromedp/chromedp"
)

// Find returns the Chromium to run: $CHROMIUM, else the usual paths of
// Debian and others. Nothing is ever downloaded.
func Find() (string, error) {
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

// Start runs one headless Chromium with its profile in userData, a
// 1280 × 800 window, and the flags that keep it quiet and offline (no
// background networking, updates or sync), plus extra ones. It returns the
// browser's context, already started, and what stops it.
func Start(userData string, extra ...chromedp.ExecAllocatorOption) (ctx context.Context, stop func(), err error) {
	chromium, err := Find()
	if err != nil {
		return nil, nil, err
	}
	return StartPath(chromium, userData, extra...)
}

// StartPath is Start with the Chromium to run given, for a command whose
// user points at it (the audit's -chromium flag).
func StartPath(chromium, userData string, extra ...chromedp.ExecAllocatorOption) (ctx context.Context, stop func(), err error) {
	if _, err := os.Stat(chromium); err != nil {
		return nil, nil, fmt.Errorf("no Chromium at %s: %w", chromium, err)
	}
	opts := append([]chromedp.ExecAllocatorOption{
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
		chromedp.UserDataDir(userData),
		chromedp.WindowSize(1280, 800),
	}, extra...)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(alloc)
	stop = func() { cancelBrowser(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", chromium, err)
	}
	return ctx, stop, nil
}
