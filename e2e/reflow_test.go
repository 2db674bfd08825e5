//go:build !js

package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// reachable is a JavaScript expression listing what is cut off in the
// banner's scrolling box (".cc-banner" or ".cc-panel"): the box or the page
// overflowing sideways, an element whose top cannot be scrolled into the
// viewport, a control (button, input) that cannot be scrolled wholly into
// view, or any element that reaches out of the box sideways. Text may be
// taller than the viewport: it scrolls.
func reachable(box string) string {
	return fmt.Sprintf(`(() => {
		const root = %s, box = root.querySelector(%q), problems = [];
		if (!box) return ["no " + %q];
		if (box.scrollWidth > box.clientWidth + 1) problems.push(%q + " overflows sideways: " + box.scrollWidth + " > " + box.clientWidth);
		if (document.documentElement.scrollWidth > innerWidth + 1) problems.push("the page overflows sideways: " + document.documentElement.scrollWidth);
		const edge = box.getBoundingClientRect();
		for (const e of box.querySelectorAll("*")) {
			const name = e.dataset.ccAction || e.id || e.tagName.toLowerCase() + " " + e.textContent.slice(0, 20);
			const control = e.matches("button, input");
			e.scrollIntoView({block: "start", inline: "nearest"});
			const top = e.getBoundingClientRect().top;
			if (control) e.scrollIntoView({block: "nearest", inline: "nearest"});
			const r = e.getBoundingClientRect();
			if (r.width === 0 && r.height === 0) continue; // not rendered (the hidden table head)
			if (top < -0.5 || top >= innerHeight) problems.push(name + " cannot be scrolled to: its top stays at " + top + " of " + innerHeight);
			if (r.left < edge.left - 0.5 || r.right > edge.right + 0.5 || r.left < -0.5 || r.right > innerWidth + 0.5) {
				problems.push(name + " is cut off sideways: " + r.left + ".." + r.right + " of " + edge.left + ".." + edge.right);
			}
			if (control && (r.top < -0.5 || r.bottom > innerHeight + 0.5)) {
				problems.push(name + " cannot be scrolled into view: " + r.top + ".." + r.bottom + " of " + innerHeight);
			}
		}
		return problems;
	})()`, shadow, box, box, box)
}

// TestNothingIsCutOff shows the banner at 320 CSS pixels wide, and a 1280 ×
// 800 desktop at 200% and 400% zoom (640 × 400 and 320 × 200 CSS pixels):
// in every layout, every button of the first layer and every control of the
// panel can be scrolled into view, wholly, and nothing overflows sideways
// (WCAG 1.4.10 reflow, 1.4.4 resize text).
func TestNothingIsCutOff(t *testing.T) {
	site := newHostSite(t)
	viewports := []struct {
		name          string
		width, height int64
		scale         float64
	}{
		{"320 px", 320, 640, 1},
		{"200% zoom", 640, 400, 2},
		{"400% zoom", 320, 200, 4},
		{"wide desktop", 2560, 1440, 1},
	}
	v := newVisitor(t)
	for _, layout := range []string{"bar", "box", "modal"} {
		url := bannerPage(t, site, "/reflow-"+layout+".html", layoutAttrs(layout, "light"), "")
		for _, vp := range viewports {
			t.Run(layout+" at "+vp.name, func(t *testing.T) {
				v := &visitor{t: t, ctx: v.ctx}
				v.emulateWidth(vp.width, vp.height, vp.scale)
				v.open(url)
				v.waitFor(".cc-banner")
				v.settle()
				assert.Empty(t, eval[[]string](v, reachable(".cc-banner")), "the first layer")
				assert.Equal(t, 3, eval[int](v, shadow+`.querySelectorAll(".cc-banner button").length`))

				v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show()`))
				v.waitFor(".cc-panel")
				v.settle()
				assert.Empty(t, eval[[]string](v, reachable(".cc-panel")), "the panel")
			})
		}
	}
	v.do(chromedp.ResetViewport())
}
