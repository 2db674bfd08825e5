//go:build !js

// Package engines drives the three browser engines a portal's visitors
// come with (Chromium, Firefox and WebKit) through one small interface,
// [Page], so that the end-to-end flows in e2e/ are written once and run by
// each engine's own automation protocol:
//
//   - Chromium over the DevTools protocol (chromedp, the browser started by
//     internal/headless);
//   - Firefox (Debian's firefox-esr) over WebDriver BiDi, which it speaks
//     natively: no geckodriver;
//   - WebKit (Debian's WebKitGTK) over WebDriver classic, through
//     WebKitWebDriver and its MiniBrowser, on an Xvfb display.
//
// Nothing here downloads a browser or a driver: each engine is found on the
// machine ([FindFirefox], [FindWebKit]) or reported missing with the
// apt-get line that installs it.
//
// The interface is at the level of what a visitor does: open a page, click
// at a point, press a key, read the cookies the browser keeps. Reading the
// page (where is the button whose text is "Personnaliser"?) is JavaScript
// evaluated in the page, the same for every engine.
package engines
