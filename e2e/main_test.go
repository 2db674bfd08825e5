//go:build !js

// Package e2e drives real headless Chromium against the real server binary
// and the real demo page: what a visitor clicks, the cookie the browser keeps,
// and the host page left unharmed.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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

	chromium, err := findChromium()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	userData, err := os.MkdirTemp("", "cookie-consent-chromium-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(userData)
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
		// Sub-domains of portal.test reach the loopback: tests of cookies
		// set on a parent domain need a host name with dots.
		chromedp.Flag("host-resolver-rules", "MAP *.portal.test 127.0.0.1"),
		chromedp.UserDataDir(userData),
		chromedp.WindowSize(1280, 800),
	)
	defer cancelAlloc()
	var cancelBrowser context.CancelFunc
	browser, cancelBrowser = chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil { // starts the browser
		fmt.Fprintln(os.Stderr, "e2e: starting chromium:", err)
		return 1
	}
	return m.Run()
}

// startServer runs the server binary on a free loopback port, with the
// given extra flags, and waits for its "listening on" line.
func startServer(args ...string) (url string, stop func(), err error) {
	bin := filepath.Join(distDir, "server")
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-dist", distDir}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("starting %s: %w (run ./build.sh build first)", bin, err)
	}
	stop = func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
		}
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
				found <- strings.TrimSuffix(u, "/")
			}
		}
	}()
	select {
	case url = <-found:
		return url, stop, nil
	case <-time.After(15 * time.Second):
		stop()
		return "", nil, fmt.Errorf("%s did not say it was listening", bin)
	}
}

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
