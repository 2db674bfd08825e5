//go:build !js

package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// bannerPage serves, on the test's own portal, a page embedding the banner
// with the given attributes on its script tag (e.g. ` data-layout="box"`) and
// extra markup in <head> (e.g. the page's own <style>), and returns its URL.
func bannerPage(t *testing.T, site *hostSite, path, tagAttrs, head string) string {
	t.Helper()
	site.page(path, embedPage(t, path, ` lang="fr"`,
		head+"\n"+`<script src="{{SERVER}}/consent.js" defer`+tagAttrs+`></script>`, ""))
	return site.URL + path
}

// layoutAttrs is the script tag's attributes for a layout and a theme.
func layoutAttrs(layout, theme string) string {
	return fmt.Sprintf(` data-layout=%q data-theme=%q`, layout, theme)
}

// emulateMedia sets the visitor's media features, e.g. "prefers-color-scheme"
// to "dark"; pairs of name and value, none to clear them.
func (v *visitor) emulateMedia(nameValues ...string) {
	v.t.Helper()
	var features []*emulation.MediaFeature
	for i := 0; i+1 < len(nameValues); i += 2 {
		features = append(features, &emulation.MediaFeature{Name: nameValues[i], Value: nameValues[i+1]})
	}
	if features == nil {
		features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: ""}, {Name: "prefers-reduced-motion", Value: ""}}
	}
	_, err := chromedp.Call(v.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features})
	require.NoError(v.t, err)
}

// emulateWidth makes the viewport width × height CSS pixels, each CSS pixel
// being scale device pixels: 1280 × 800 at 400% zoom is 320 × 200 at scale 4.
func (v *visitor) emulateWidth(width, height int64, scale float64) {
	v.t.Helper()
	v.do(chromedp.EmulateViewport(width, height, chromedp.EmulateScale(scale)))
}

// settle waits until the banner's animations (its fade-in) are over, so that
// what is measured or pictured is the final look.
func (v *visitor) settle() {
	v.t.Helper()
	v.do(chromedp.Evaluate[chromedp.Void](`Promise.all(`+shadow+`.getAnimations().map(a => a.finished)).then(() => true)`,
		chromedp.EvalAwaitPromise))
}

// stylesheet serves a CSS file of the page's own.
func (s *hostSite) stylesheet(path, css string) {
	s.serve(path, hostFile{contentType: "text/css; charset=utf-8", body: css})
}
