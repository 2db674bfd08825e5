//go:build !js

package e2e

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// TestRaisingTheRevisionAsksAgain runs a second server on the same host
// (cookies are per host, not per port, so the visitor's choice is seen by
// both) whose configuration file has revision 2: the choice made under
// revision 1 no longer counts there.
func TestRaisingTheRevisionAsksAgain(t *testing.T) {
	cfg := config.Default()
	cfg.Revision = 2
	revised := startConfiguredServer(t, cfg)

	v := newVisitor(t)
	v.open(serverURL + "/")
	v.click("[data-cc-action=accept-all]")
	first, _ := v.waitChoice(serverURL)
	require.Equal(t, 1, first.Rev)

	v.open(revised + "/")
	v.waitFor(".cc-banner")
	v.click("[data-cc-action=refuse-all]")
	deadline := time.Now().Add(10 * time.Second)
	for {
		second, _ := v.waitChoice(revised)
		if second.Rev == 2 {
			assert.False(t, second.Accepted("statistics"))
			break
		}
		require.True(t, time.Now().Before(deadline), "no revision 2 choice was stored")
		time.Sleep(50 * time.Millisecond)
	}
}

// TestAVisitWritesNoErrorToTheConsole follows a whole visit (first layer,
// panel, choice, reopening) and reads everything the page wrote to the
// console: no error, no exception, and the gated tracker never ran.
func TestAVisitWritesNoErrorToTheConsole(t *testing.T) {
	v := newVisitor(t)
	var (
		mu       sync.Mutex
		messages []chromedp.ConsoleMessage
	)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range chromedp.Console(v.ctx) {
			if err != nil {
				return
			}
			mu.Lock()
			messages = append(messages, m)
			mu.Unlock()
		}
	}()

	v.open(serverURL + "/")
	v.click("[data-cc-action=customize]")
	v.click("#cc-switch-first_party")
	v.click("[data-cc-action=save]")
	v.waitChoice(serverURL)
	v.clickPage(`a[data-cc="preferences"]`)
	v.click("[data-cc-action=close]")
	time.Sleep(300 * time.Millisecond)
	assert.False(t, v.visible(".cc-panel"), "Fermer closes the panel")

	mu.Lock()
	defer mu.Unlock()
	for _, m := range messages {
		assert.NotContains(t, []chromedp.ConsoleType{chromedp.ConsoleError, chromedp.ConsoleException, chromedp.ConsoleWarning}, m.Type,
			"the page logged: %s", m)
		assert.False(t, strings.Contains(m.Text, "statistics enabled"), "the gated statistics script ran without consent")
	}
}
