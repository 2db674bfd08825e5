//go:build !js

package main

import (
	"context"

	"github.com/chromedp/chromedp"

	"github.com/opendata-portals/cookie-consent/internal/headless"
)

// startBrowser starts one headless Chromium with the e2e tests' flags, plus
// those that keep a page in a window that is not focused running at full
// speed (timers, animation frames): each load gets its own window.
func startBrowser(userData string) (ctx context.Context, stop func(), err error) {
	return headless.Start(userData,
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
	)
}
