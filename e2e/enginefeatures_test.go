//go:build !js

package e2e

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opendata-portals/cookie-consent/internal/engines"
)

// trustedTypesCSP is the policy of a page that enforces Trusted Types.
const trustedTypesCSP = "require-trusted-types-for 'script'"

// TestEnginesWithoutTrustedTypes: in an engine without Trusted Types
// (Firefox with dom.security.trusted_types.enabled off, WebKit with
// MiniBrowser's --features=-TrustedTypes; both have it on by default in the
// versions tested), a page that asks for them is a page like any other: the
// directive is ignored, the banner shows and answers, the panel opens, and
// nothing is thrown at the page (the loader must never assume
// window.trustedTypes exists).
func TestEnginesWithoutTrustedTypes(t *testing.T) {
	for _, be := range []struct {
		name  string
		start func(context.Context) (engines.Engine, error)
	}{
		{"firefox", engines.FirefoxWithPrefs(map[string]any{"dom.security.trusted_types.enabled": false})},
		{"webkit", engines.WebKitWithFeatures("-TrustedTypes")},
	} {
		t.Run(be.name, func(t *testing.T) {
			t.Parallel()
			e := startEngine(t, be.start)
			v := newEngineVisitor(t, e)
			v.site.pageWithCSP("/tt.html", embedPage(t, "tt", ` lang="fr"`,
				errorRecorder+"\n"+`<script src="{{SERVER}}/consent.js" defer></script>`, ""), trustedTypesCSP)
			v.open(v.site.URL + "/tt.html")
			assert.Equal(t, "undefined", engineEval[string](v, `typeof trustedTypes`), "this engine has no Trusted Types")
			v.waitTrue(firstLayerShown, "the first layer shows")
			v.clickButton(customize)
			v.waitTrue(panelShown, "the panel opens")
			v.waitTrue(live, "the wasm takes the banner over")
			v.clickButton(refuseAll)
			choice, _ := v.waitChoice("")
			assert.False(t, choice.Accepted("statistics"))
			v.waitTrue(nothingShown, "the banner closes")
		})
	}
}
