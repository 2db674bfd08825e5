//go:build !js

package engines

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// mouseClick is a WebDriver input source (classic and BiDi alike): the
// mouse moves to x, y of the viewport, then presses and releases.
func mouseClick(x, y float64) map[string]any {
	return map[string]any{"type": "pointer", "id": "mouse", "parameters": map[string]any{"pointerType": "mouse"},
		"actions": []any{
			map[string]any{"type": "pointerMove", "x": int(math.Round(x)), "y": int(math.Round(y)), "origin": "viewport", "duration": 0},
			map[string]any{"type": "pointerDown", "button": 0},
			map[string]any{"type": "pointerUp", "button": 0},
		}}
}

// keyPress is a WebDriver input source that presses and releases a key.
func keyPress(key string) map[string]any {
	return map[string]any{"type": "key", "id": "keyboard", "actions": []any{
		map[string]any{"type": "keyDown", "value": key},
		map[string]any{"type": "keyUp", "value": key},
	}}
}

// jsonOf wraps a JavaScript expression so that it evaluates, promise or
// not, to the JSON text of its value ("null" for undefined): one way to
// bring a value back that every protocol carries alike.
func jsonOf(expr string) string {
	return `(async () => { const v = await (` + expr + "\n" + `); return v === undefined ? "null" : JSON.stringify(v); })()`
}

func decodeJSON(s string, out any) error {
	if out == nil {
		return nil
	}
	if err := json.Unmarshal([]byte(s), out); err != nil {
		return fmt.Errorf("decoding %s: %w", short(s), err)
	}
	return nil
}

// short is the start of a long text, for error messages.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// domainMatches applies RFC 6265's domain matching: a host-only cookie's
// domain is the host; a domain cookie (".example.org" or "example.org")
// also goes to its sub-domains.
func domainMatches(host, domain string) bool {
	domain = strings.TrimPrefix(strings.ToLower(domain), ".")
	host = strings.ToLower(host)
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// pathMatches applies RFC 6265's path matching.
func pathMatches(reqPath, cookiePath string) bool {
	if cookiePath == "" || cookiePath == "/" || reqPath == cookiePath {
		return true
	}
	return strings.HasPrefix(reqPath, cookiePath) && (strings.HasSuffix(cookiePath, "/") || reqPath[len(cookiePath)] == '/')
}

// sameSiteName spells a SameSite value as the cookie attribute does.
func sameSiteName(s string) string {
	switch strings.ToLower(s) {
	case "strict":
		return "Strict"
	case "lax":
		return "Lax"
	case "none":
		return "None"
	}
	return ""
}

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
