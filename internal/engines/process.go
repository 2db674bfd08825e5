//go:build !js

package engines

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// findBinary returns $env if set, else the first of names on PATH, else an
// error saying how to install it.
func findBinary(env string, names ...string) (string, error) {
	install := names[len(names)-1]
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("$%s: %w", env, err)
		}
		return p, nil
	}
	for _, n := range names[:len(names)-1] {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found: %s (or set %s)", strings.Join(names[:len(names)-1], " or "), install, env)
}

// stopProcess asks a process (and its process group) to stop, then kills
// it after five seconds.
func stopProcess(cmd *exec.Cmd) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// freePort asks the kernel for a free loopback port (for a driver that
// cannot be told to pick one itself).
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
