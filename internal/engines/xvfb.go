//go:build !js

package engines

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// xvfb is a virtual X display of our own, for a browser that needs one.
type xvfb struct {
	cmd     *exec.Cmd
	display string // e.g. ":99"
}

// startXvfb starts Xvfb on the first free display number (it tells which
// through -displayfd), with a 1920 × 1200 screen.
func startXvfb(ctx context.Context) (*xvfb, error) {
	bin, err := findBinary("XVFB", "Xvfb", "apt-get install -y xvfb")
	if err != nil {
		return nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cmd := exec.Command(bin, "-displayfd", "3", "-screen", "0", "1920x1200x24", "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	w.Close()
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			stopProcess(cmd)
			return nil, fmt.Errorf("%s did not start", bin)
		}
		return &xvfb{cmd: cmd, display: ":" + n}, nil
	case <-time.After(30 * time.Second):
	case <-ctx.Done():
	}
	stopProcess(cmd)
	return nil, fmt.Errorf("%s did not say which display it serves", bin)
}

func (x *xvfb) stop() { stopProcess(x.cmd) }
