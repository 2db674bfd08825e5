//go:build !js

package engines

import (
	"context"
	"time"
)

// Engine is one running browser, shared by many visitors.
type Engine interface {
	// Name is "chromium", "firefox" or "webkit".
	Name() string
	// Version is the browser's own name and version, e.g. "firefox 153.8.0esr".
	Version() string
	// NewPage opens a page for a new visitor: a fresh cookie jar where the
	// engine allows it (Chromium and Firefox); see [WebKit] for WebKit.
	NewPage(ctx context.Context) (Page, error)
	// Close stops the browser and everything started for it.
	Close() error
}

// Page is one visitor's tab.
type Page interface {
	// Open navigates to url and returns once the page has loaded.
	Open(ctx context.Context, url string) error
	// Reload reloads the page and returns once it has loaded again.
	Reload(ctx context.Context) error
	// Eval evaluates a JavaScript expression in the page, waits for it if
	// it is a promise, and decodes its value, as JSON, into out (nil to
	// drop it).
	Eval(ctx context.Context, expr string, out any) error
	// Exec runs a JavaScript program (statements) in the page.
	Exec(ctx context.Context, script string) error
	// Click presses and releases the mouse's main button at the point x, y
	// of the viewport, in CSS pixels: what is drawn there gets the click.
	Click(ctx context.Context, x, y float64) error
	// Press presses and releases one key: a printable character or one of
	// the key constants ([Tab], [Enter], [Escape]).
	Press(ctx context.Context, key string) error
	// Cookies returns the cookies the browser would send to the page now
	// shown (its host and path).
	Cookies(ctx context.Context) ([]Cookie, error)
	// Screenshot returns a PNG of the viewport.
	Screenshot(ctx context.Context) ([]byte, error)
	// SetViewport makes the viewport width × height CSS pixels.
	SetViewport(ctx context.Context, width, height int) error
	// Close closes the tab (and its cookie jar, where it has its own).
	Close() error
}

// Cookie is a cookie as the browser keeps it.
type Cookie struct {
	Name, Value, Domain, Path string
	// SameSite is "Strict", "Lax" or "None"; "" when the engine does not say.
	SameSite string
	// Expires is zero for a session cookie.
	Expires          time.Time
	HTTPOnly, Secure bool
}

// Keys that are not characters, as WebDriver names them (the same code
// points in WebDriver classic and BiDi).
const (
	Tab    = "\uE004"
	Enter  = "\uE007"
	Escape = "\uE00C"
)
