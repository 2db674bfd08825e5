//go:build !js

package e2e

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// galleryDevices are the viewports of the gallery: a desktop and a 375 px
// wide phone.
var galleryDevices = []struct {
	name          string
	width, height int64
}{
	{"desktop", 1280, 800},
	{"mobile", 375, 667},
}

// galleryThemes are the themes pictured; auto shows as light or dark,
// whichever the visitor's system prefers.
var galleryThemes = []string{"light", "dark", "dsfr"}

// demoPageWith is the demo portal page with the script tag's attributes
// set, served by the test's own portal (the demo page itself is served
// as is by the consent server).
func demoPageWith(t *testing.T, site *hostSite, path, tagAttrs string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "web", "demo", "index.html"))
	require.NoError(t, err)
	const tag = `<script src="/consent.js" defer></script>`
	require.Contains(t, string(b), tag)
	site.page(path, strings.Replace(string(b), tag, `<script src="{{SERVER}}/consent.js" defer`+tagAttrs+`></script>`, 1))
	return site.URL + path
}

// TestGallery pictures the first layer in every layout and theme, and the
// panel in every theme, on a desktop and on a phone: docs/gallery, shown in
// docs/styling.md. It runs only for ./build.sh gallery (CONSENT_GALLERY is the
// directory to write to).
func TestGallery(t *testing.T) {
	dir := os.Getenv("CONSENT_GALLERY")
	if dir == "" {
		t.Skip("CONSENT_GALLERY is not set: ./build.sh gallery makes the gallery")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	site := newHostSite(t)
	v := newVisitor(t)
	for _, dev := range galleryDevices {
		v.emulateWidth(dev.width, dev.height, 1)
		for _, theme := range galleryThemes {
			for _, layout := range []string{"bar", "box", "modal"} {
				name := fmt.Sprintf("%s-%s-%s", layout, theme, dev.name)
				v.open(demoPageWith(t, site, "/"+name+".html", layoutAttrs(layout, theme)))
				v.waitFor(".cc-banner")
				v.snapshot(filepath.Join(dir, name+".png"), ".cc-banner", 24)
				if layout == "bar" {
					v.do(chromedp.Evaluate[chromedp.Void](`cookieConsent.show()`))
					v.waitFor(".cc-panel")
					v.snapshot(filepath.Join(dir, fmt.Sprintf("panel-%s-%s.png", theme, dev.name)), ".cc-panel", 24)
				}
			}
		}
	}
}

// snapshot writes a PNG of the viewport cropped to the banner's element
// matching selector, with margin CSS pixels of the page around it.
func (v *visitor) snapshot(file, selector string, margin float64) {
	v.t.Helper()
	v.settle()
	r := eval[[]float64](v, fmt.Sprintf(`(() => { const r = %s.querySelector(%q).getBoundingClientRect(); const m = %f;
		const x = Math.max(0, r.left - m), y = Math.max(0, r.top - m);
		return [x, y, Math.min(innerWidth, r.right + m) - x, Math.min(innerHeight, r.bottom + m) - y]; })()`, shadow, selector, margin))
	res, err := chromedp.Call(v.ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
		FromSurface: ptr(true),
		Clip:        &page.Viewport{X: r[0], Y: r[1], Width: r[2], Height: r[3], Scale: 1},
	})
	require.NoError(v.t, err)
	small, err := shrinkPNG(res.Data)
	require.NoError(v.t, err)
	require.NoError(v.t, os.WriteFile(file, small, 0o644))
}

// shrinkPNG re-encodes a screenshot with at most 256 colours, the most
// frequent ones (a banner is a few flat colours and the shades of its
// antialiased text), each pixel taking the nearest: about a third of the
// size, for pictures that live in the repository.
func shrinkPNG(data []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	counts := map[color.RGBA]int{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			counts[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colours := make([]color.RGBA, 0, len(counts))
	for c := range counts {
		colours = append(colours, c)
	}
	slices.SortFunc(colours, func(a, b color.RGBA) int {
		if d := counts[b] - counts[a]; d != 0 {
			return d
		}
		return cmp.Compare(uint32(a.R)<<24|uint32(a.G)<<16|uint32(a.B)<<8|uint32(a.A), uint32(b.R)<<24|uint32(b.G)<<16|uint32(b.B)<<8|uint32(b.A))
	})
	pal := make(color.Palette, 0, 256)
	for _, c := range colours[:min(256, len(colours))] {
		pal = append(pal, c)
	}
	out := image.NewPaletted(bounds, pal)
	nearest := map[color.RGBA]uint8{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := nearest[c]
			if !ok {
				i = uint8(pal.Index(c))
				nearest[c] = i
			}
			out.SetColorIndex(x, y, i)
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }
