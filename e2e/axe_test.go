//go:build !js

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// axeTags are the axe-core rule tags of WCAG 2.0, 2.1 and 2.2, levels A and
// AA: the bar PRODUCT.md sets.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

var axeScript = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(filepath.Join("..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		return "", fmt.Errorf("axe-core is not installed (run npm ci): %w", err)
	}
	return string(b), nil
})

// axeViolation is one failed axe-core rule, with the elements that fail it.
type axeViolation struct {
	ID, Impact, Help, HelpURL string
	Nodes                     []struct {
		Target         []any
		HTML           string
		FailureSummary string
	}
}

func (a axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n  %s\n", a.ID, a.Impact, a.Help, a.HelpURL)
	for _, n := range a.Nodes {
		fmt.Fprintf(&b, "  - %v\n    %s\n    %s\n", n.Target, n.HTML, strings.ReplaceAll(n.FailureSummary, "\n", "\n    "))
	}
	return b.String()
}

// axe runs axe-core (the pinned npm package) on the banner, shadow root
// included, with the WCAG A and AA rules, and returns the violations.
func (v *visitor) axe() []axeViolation {
	v.t.Helper()
	src, err := axeScript()
	require.NoError(v.t, err)
	if !eval[bool](v, `typeof window.axe === "object"`) {
		v.do(chromedp.Evaluate[chromedp.Void](src))
	}
	v.settle()
	tags, err := json.Marshal(axeTags)
	require.NoError(v.t, err)
	res, err := chromedp.Run(v.ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document.querySelector("cookie-consent"),
		{runOnly: {type: "tag", values: `+string(tags)+`}, resultTypes: ["violations"]})
		.then(r => r.violations.map(x => ({ID: x.id, Impact: x.impact || "", Help: x.help, HelpURL: x.helpUrl,
			Nodes: x.nodes.map(n => ({Target: n.target, HTML: n.html, FailureSummary: n.failureSummary || ""}))})))`,
		chromedp.EvalAwaitPromise))
	require.NoError(v.t, err)
	return res
}

// assertNoAxeViolation fails with every violation spelled out.
func assertNoAxeViolation(t *testing.T, vs []axeViolation, what string) {
	t.Helper()
	if len(vs) == 0 {
		return
	}
	var b strings.Builder
	for _, x := range vs {
		b.WriteString(x.String())
	}
	assert.Fail(t, fmt.Sprintf("axe-core found %d violation(s) of WCAG A/AA on %s", len(vs), what), b.String())
}

// TestAxeFindsNoViolation runs axe-core on the first layer and on the
// preferences panel, in every layout and every theme (auto under both
// colour schemes).
func TestAxeFindsNoViolation(t *testing.T) {
	site := newHostSite(t)
	themes := []struct{ theme, scheme string }{
		{"light", "light"}, {"dark", "light"}, {"auto", "light"}, {"auto", "dark"}, {"dsfr", "dark"},
	}
	v := newVisitor(t)
	for _, layout := range []string{"bar", "box", "modal"} {
		for _, th := range themes {
			name := layout + "-" + th.theme + "-" + th.scheme
			t.Run(name, func(t *testing.T) {
				v := &visitor{t: t, ctx: v.ctx}
				url := bannerPage(t, site, "/axe-"+name+".html", layoutAttrs(layout, th.theme), "")
				v.emulateMedia("prefers-color-scheme", th.scheme)
				v.open(url)
				v.waitFor(".cc-banner")
				assertNoAxeViolation(t, v.axe(), "the first layer ("+name+")")

				v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show()`))
				v.waitFor(".cc-panel")
				assertNoAxeViolation(t, v.axe(), "the preferences panel ("+name+")")
			})
		}
	}
}

// TestAxeSeesInsideTheBanner is the control of TestAxeFindsNoViolation: the
// same run on a page that sets a low-contrast --cc-muted does report the
// text's contrast, so a clean run means something.
func TestAxeSeesInsideTheBanner(t *testing.T) {
	site := newHostSite(t)
	v := newVisitor(t)
	v.open(bannerPage(t, site, "/axe-control.html", "", `<style>:root { --cc-muted: #b0b0b0; }</style>`))
	v.waitFor(".cc-banner")
	ids := []string{}
	for _, x := range v.axe() {
		ids = append(ids, x.ID)
	}
	assert.Equal(t, []string{"color-contrast"}, ids)
}
