//go:build !js

// Package distserver runs the server binary that build.sh built, as a
// portal would run it, for the end-to-end tests and the benchmark.
package distserver

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Start runs dist/cookie-consent on a free loopback port with the given extra
// flags, its log on our stderr, and waits for its "listening on" line. It is
// run as it ships, without -dist: the bundle it serves is the one compiled
// into it. It returns
// the server's URL (no trailing slash) and what stops it: SIGINT, then, after
// five seconds, SIGKILL.
func Start(dist string, args ...string) (url string, stop func(), err error) {
	bin := filepath.Join(dist, "cookie-consent")
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
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
				select {
				case found <- strings.TrimSuffix(u, "/"):
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, out)
	}()
	select {
	case url = <-found:
		return url, stop, nil
	case <-time.After(15 * time.Second):
		stop()
		return "", nil, fmt.Errorf("%s did not say it was listening", bin)
	}
}
