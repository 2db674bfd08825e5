//go:build !js

package e2e

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/opendata-portals/cookie-consent/internal/engines"
)

// browserEngines are the three engines the flows run in: the tests' own
// Chromium, and Debian's Firefox and WebKitGTK.
var browserEngines = []struct {
	name  string
	start func(context.Context) (engines.Engine, error)
}{
	{"chromium", func(ctx context.Context) (engines.Engine, error) { return engines.Chromium(ctx, browser) }},
	{"firefox", engines.Firefox},
	{"webkit", engines.WebKit},
}

// startEngine starts an engine for t, or, when it is not installed, skips
// t with a message saying how to install it; CI (CI_REQUIRE_ENGINES=1,
// set by .ci/run) fails instead: there, every engine must run.
func startEngine(t *testing.T, start func(context.Context) (engines.Engine, error)) engines.Engine {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e, err := start(ctx)
	if err != nil {
		if os.Getenv("CI_REQUIRE_ENGINES") == "1" {
			t.Fatalf("CI_REQUIRE_ENGINES=1 and this engine cannot start: %v", err)
		}
		t.Skipf("not run in this engine: %v", err)
	}
	t.Cleanup(func() { _ = e.Close() })
	t.Logf("engine: %s", e.Version())
	return e
}

// TestEngines runs the visitor flows (engineflows_test.go) in Chromium,
// Firefox and WebKit, the three engines at once, each flow after the other
// in one browser per engine.
func TestEngines(t *testing.T) {
	for _, be := range browserEngines {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			e := startEngine(t, be.start)
			for _, f := range engineFlows {
				t.Run(f.name, func(t *testing.T) { f.run(t, e) })
			}
		})
	}
}
