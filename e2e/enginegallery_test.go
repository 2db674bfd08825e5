//go:build !js

package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEngineGallery pictures the first layer and the panel on the demo
// page in each engine, the same page at the same size, so that a
// difference in rendering is seen: docs/gallery/engines/<engine>-banner.png
// and <engine>-panel.png. It runs only for ./build.sh gallery.
func TestEngineGallery(t *testing.T) {
	dir := os.Getenv("CONSENT_GALLERY")
	if dir == "" {
		t.Skip("CONSENT_GALLERY is not set: ./build.sh gallery makes the gallery")
	}
	dir = filepath.Join(dir, "engines")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for _, be := range browserEngines {
		t.Run(be.name, func(t *testing.T) {
			e := startEngine(t, be.start)
			v := newEngineVisitor(t, e)
			v.open(demoPageWith(t, v.site, "/gallery.html", layoutAttrs("bar", "light")))
			v.waitTrue(firstLayerShown, "the first layer shows")
			v.engineSnapshot(filepath.Join(dir, e.Name()+"-banner.png"), seen+`.dialog("Gestion des cookies")`)
			v.exec(`cookieConsent.show()`)
			v.waitTrue(panelShown, "the panel opens")
			v.waitTrue(live, "the wasm takes the banner over")
			v.engineSnapshot(filepath.Join(dir, e.Name()+"-panel.png"), seen+`.panel()`)
		})
	}
}

// engineSnapshot writes a PNG of the viewport cropped to the element an
// expression finds, with 24 CSS pixels of the page around it, in at most
// 256 colours (shrinkPNG).
func (v *engineVisitor) engineSnapshot(file, find string) {
	v.t.Helper()
	v.settle()
	r := engineEval[[]float64](v, fmt.Sprintf(`(() => { const e = %s; e.scrollTop = 0; const r = e.getBoundingClientRect(); const m = 24;
		const x = Math.max(0, r.left - m), y = Math.max(0, r.top - m);
		return [x, y, Math.min(innerWidth, r.right + m), Math.min(innerHeight, r.bottom + m), innerWidth]; })()`, find))
	shot, err := v.page.Screenshot(v.ctx)
	require.NoError(v.t, err)
	img, err := png.Decode(bytes.NewReader(shot))
	require.NoError(v.t, err)
	scale := float64(img.Bounds().Dx()) / r[4] // device pixels per CSS pixel
	crop := image.Rect(int(r[0]*scale), int(r[1]*scale), int(r[2]*scale), int(r[3]*scale)).Add(img.Bounds().Min)
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	require.True(v.t, ok, "the screenshot can be cropped")
	var buf bytes.Buffer
	require.NoError(v.t, png.Encode(&buf, sub.SubImage(crop)))
	small, err := shrinkPNG(buf.Bytes())
	require.NoError(v.t, err)
	require.NoError(v.t, os.WriteFile(file, small, 0o644))
}
