//go:build !js

// Package e2e drives real headless Chromium against the real server binary
// and the real demo page: what a visitor clicks, the cookie the browser keeps,
// and the host page left unharmed. The visitor flows of engineflows_test.go
// run in Firefox and WebKit too (TestEngines, through internal/engines).
package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/opendata-portals/cookie-consent/internal/distserver"
	"github.com/opendata-portals/cookie-consent/internal/headless"
)

var (
	serverURL string          // the real server, e.g. http://127.0.0.1:41234
	browser   context.Context // one headless Chromium shared by the tests
	distDir   string          // what build.sh built
)

// TestMain builds dist/ if the caller did not (build.sh test does, and says
// so with CONSENT_DIST), starts the server binary on a free loopback port,
// and starts Chromium.
func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	distDir = os.Getenv("CONSENT_DIST")
	if distDir == "" {
		root, _ := filepath.Abs("..")
		distDir = filepath.Join(root, "dist")
		build := exec.Command(filepath.Join(root, "build.sh"), "build")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "e2e: ./build.sh build failed:", err)
			return 1
		}
	}
	url, stop, err := startServer()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer stop()
	serverURL = url

	userData, err := os.MkdirTemp("", "cookie-consent-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(userData)
	var stopBrowser func()
	// Sub-domains of portal.test reach the loopback: tests of cookies set
	// on a parent domain need a host name with dots.
	browser, stopBrowser, err = headless.Start(userData, chromedp.Flag("host-resolver-rules", "MAP *.portal.test 127.0.0.1"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer stopBrowser()
	return m.Run()
}

// startServer runs the server binary on a free loopback port, with the
// given extra flags, and waits for its "listening on" line.
func startServer(args ...string) (url string, stop func(), err error) {
	return distserver.Start(distDir, args...)
}
