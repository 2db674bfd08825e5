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
	"github.com/opendata-portals/cookie-consent/app/consent"
)

// TestRaisingTheRevisionAsksAgain runs a second server on the same host
// (cookies are per host, not per port, so the visitor's choice is seen by
// both) whose configuration file has revision 2: the choice made under
// revision 1 no longer counts there.
func TestRaisingTheRevisionAsksAgain(t *testing.T) {
	revised := configuredServer(t, func(c *config.Config) { c.Revision = 2 })

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

// TestExpiredChoicesAskAgain: on a site that keeps a consent six months and
// a refusal 30 days, a refusal of 31 days ago asks again, a consent of 31
// days ago does not, one of 183 days ago does; and a refusal is stored for 30
// days.
func TestExpiredChoicesAskAgain(t *testing.T) {
	server := configuredServer(t, func(c *config.Config) { c.RefusalLifetimeDays = 30 })
	day := 24 * time.Hour
	refusal := map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false}
	consentToStats := map[string]bool{"necessary": true, "statistics": true, "first_party": false, "third_party": false}
	tests := []struct {
		name   string
		cats   map[string]bool
		age    time.Duration
		banner bool
	}{
		{"refusal of 29 days ago", refusal, 29 * day, false},
		{"refusal of 31 days ago", refusal, 31 * day, true},
		{"consent of 31 days ago", consentToStats, 31 * day, false},
		{"consent of 183 days ago", consentToStats, 183 * day, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newVisitor(t)
			v.setCookie(server, consent.CookieName, consent.Encode(consent.New(1, tt.cats, time.Now().Add(-tt.age))))
			v.open(server + "/")
			if tt.banner {
				v.waitFor(".cc-banner")
			} else {
				v.waitReturning()
				assert.False(t, v.visible(".cc-banner"), "the choice still holds")
				assert.Equal(t, tt.cats["statistics"], eval[bool](v, `cookieConsent.accepted("statistics")`))
			}
		})
	}

	v := newVisitor(t)
	v.open(server + "/")
	v.click("[data-cc-action=refuse-all]")
	_, c := v.waitChoice(server)
	assert.InDelta(t, float64(time.Now().Add(30*day).Unix()), c.Expires, 60, "a refusal is stored for refusalLifetimeDays")
}
