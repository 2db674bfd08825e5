package ui

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

func TestPositionClasses(t *testing.T) {
	tests := []struct {
		config, override string
		want             []string
	}{
		{"bottom", "", []string{"cc-at-bottom", "cc-at-right"}},
		{"bottom", "top-left", []string{"cc-at-top", "cc-at-left"}},
		{"top", "", []string{"cc-at-top", "cc-at-right"}},
		{"bottom-left", "sideways", []string{"cc-at-bottom", "cc-at-left"}},
	}
	for _, tt := range tests {
		t.Run(tt.config+" "+tt.override, func(t *testing.T) {
			cfg := config.Default()
			cfg.Position = tt.config
			b, _ := newBanner(t, &MemoryJar{}, Options{Config: cfg, Position: tt.override})
			root := rootClasses(t, render(t, b))
			for _, w := range tt.want {
				assert.Contains(t, root, w)
			}
		})
	}
}

// rootClasses returns the classes of the banner's root element.
func rootClasses(t *testing.T, html string) []string {
	t.Helper()
	m := regexp.MustCompile(`class="([^"]*)"`).FindStringSubmatch(startTag(t, html, "cc-root"))
	require.NotNil(t, m, html)
	return strings.Fields(m[1])
}

// startTag returns the start tag of the first element whose class list
// begins with class (go-app writes attributes in any order).
func startTag(t *testing.T, html, class string) string {
	t.Helper()
	m := regexp.MustCompile(`<[a-z0-9]+ [^>]*class="` + regexp.QuoteMeta(class) + `[ "][^>]*>`).FindString(html)
	require.NotEmpty(t, m, "no element of class %s in\n%s", class, html)
	return m
}

func TestFirstLayerRoleFollowsTheLayout(t *testing.T) {
	for _, layout := range []string{"bar", "box", "modal"} {
		t.Run(layout, func(t *testing.T) {
			b, _ := newBanner(t, &MemoryJar{}, Options{Layout: layout})
			takesFocus := b.focus // asked for by New, carried out once mounted (under js/wasm, by render)
			html := render(t, b)
			if layout == "modal" {
				dialog := startTag(t, html, "cc-overlay")
				assert.True(t, strings.HasPrefix(dialog, "<dialog "), "the modal first layer is a native dialog that covers the page: %s", dialog)
				assert.Contains(t, html, `class="cc-backdrop"`)
				assert.Regexp(t, `\baria-modal(="true")?[ >]`, dialog, "go-app writes aria-modal=\"true\" as a bare attribute")
				assert.Contains(t, dialog, `aria-labelledby="cc-banner-title"`)
				assert.Contains(t, dialog, `aria-describedby="cc-banner-text"`)
				assert.Contains(t, dialog, `tabindex="-1"`, "it can take focus, and a click on its backdrop gives it focus")
				assert.NotContains(t, dialog, " open", "shown by showModal(), never open as a non-modal one")
				assert.NotContains(t, startTag(t, html, "cc-banner"), "role=", "the dialog carries the role")
				assert.Equal(t, focusRequest{selector: "#cc-banner-dialog"}, takesFocus, "and takes it once mounted")
				return
			}
			layer := startTag(t, html, "cc-banner")
			assert.Contains(t, layer, `role="region"`, "a landmark, first in the page")
			assert.Contains(t, layer, `aria-labelledby="cc-banner-title"`)
			assert.NotContains(t, html, "cc-overlay", "the page stays usable")
			assert.False(t, takesFocus.pending(), "a bar or a box does not take focus from the page")
		})
	}
}

func TestPanelRendering(t *testing.T) {
	b, _ := newBanner(t, &MemoryJar{}, Options{})
	b.ShowPanel()
	html := render(t, b)
	assert.Contains(t, html, `class="cc-overlay"`)
	assert.Contains(t, html, `class="cc-backdrop"`)
	dialog := startTag(t, html, "cc-overlay")
	assert.True(t, strings.HasPrefix(dialog, "<dialog "), "a native dialog: %s", dialog)
	assert.Regexp(t, `\baria-modal(="true")?[ >]`, dialog)
	assert.Contains(t, dialog, `aria-labelledby="cc-panel-title"`)
	assert.Contains(t, dialog, `tabindex="-1"`, "it can take focus")
	assert.NotContains(t, startTag(t, html, "cc-panel"), "role=", "the dialog carries the role")
	closeButton := startTag(t, html, "cc-btn cc-btn-secondary cc-btn-close")
	assert.Less(t, strings.Index(html, closeButton), strings.Index(html, "cc-switch"), "the close control comes first")
	toggle := startTag(t, html, "cc-switch")
	assert.Contains(t, toggle, `type="checkbox"`, "a real checkbox")
	assert.Contains(t, toggle, `role="switch"`, "announced as a switch, on or off")
	for _, label := range []string{"Prestataire", "Service et emplacement", "Finalités", "Durée de conservation"} {
		assert.Contains(t, html, `data-label="`+label+`"`, "each cell names its column for the narrow layout")
	}
}

// TestFocusGoesBackToTheOpener follows the focus requests a keyboard user's
// moves make (the browser test carries them out for real).
func TestFocusGoesBackToTheOpener(t *testing.T) {
	link := app.ValueOf("the page's link")
	tests := []struct {
		name      string
		layout    string
		hasChoice bool
		opener    opener
		close     func(*Banner)
		want      focusRequest
	}{
		{"Escape back to the first layer's button", "bar", false, opener{action: "customize"}, (*Banner).Hide,
			focusRequest{selector: `[data-cc-action="customize"]`}},
		{"Escape back to the page's link", "bar", false, opener{element: link}, (*Banner).Hide, focusRequest{element: link}},
		{"save, back to the page's link", "box", true, opener{element: link}, (*Banner).Save, focusRequest{element: link, page: true}},
		{"save from the first layer: it is gone, back to the page", "bar", false, opener{action: "customize"}, (*Banner).Save, focusRequest{page: true}},
		{"close with a choice: the first layer is gone, back to the page", "bar", true, opener{action: "customize"}, (*Banner).Hide, focusRequest{page: true}},
		{"no opener, bar: focus stays where it is", "bar", false, opener{}, (*Banner).Hide, focusRequest{}},
		{"no opener, modal: into the first layer", "modal", false, opener{}, (*Banner).Hide, focusRequest{selector: "#cc-banner-dialog"}},
		{"the page's link, modal: the first layer holds focus", "modal", false, opener{element: link}, (*Banner).Hide, focusRequest{selector: "#cc-banner-dialog"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			jar := &MemoryJar{}
			if tt.hasChoice {
				first, _ := newBanner(t, jar, Options{})
				first.RefuseAll()
			}
			b, _ := newBanner(t, jar, Options{Layout: tt.layout})
			b.showPanelFrom(tt.opener)
			assert.Equal(t, focusRequest{selector: "#cc-panel-dialog"}, b.focus, "focus moves into the panel")
			b.showPanelFrom(opener{action: "other"})
			assert.Equal(t, tt.opener, b.opener, "reopening an open panel keeps the first opener")
			tt.close(b)
			assert.Equal(t, tt.want, b.focus)
			assert.Equal(t, opener{}, b.opener, "the opener is used once")
		})
	}
}

// renderedParts renders the first layer in every layout and the panel with
// every optional element, and returns each element's tag and part names.
func renderedParts(t *testing.T) [][2]string {
	t.Helper()
	cfg := config.Default()
	for lang, texts := range cfg.Texts {
		texts.ManagedBy = "Géré par le portail"
		cfg.Texts[lang] = texts
	}
	jar := &MemoryJar{}
	var htmls []string
	for _, layout := range []string{"bar", "box", "modal"} {
		b, _ := newBanner(t, jar, Options{Config: cfg, Layout: layout})
		htmls = append(htmls, render(t, b))
	}
	b, _ := newBanner(t, jar, Options{Config: cfg})
	b.RefuseAll() // with a choice, the panel has its close button
	b.ShowPanel()
	htmls = append(htmls, render(t, b))

	var out [][2]string
	tag := regexp.MustCompile(`<([a-z0-9]+)([^>]*)>`)
	part := regexp.MustCompile(` part="([^"]*)"`)
	for _, html := range htmls {
		for _, m := range tag.FindAllStringSubmatch(html, -1) {
			p := part.FindStringSubmatch(m[2])
			if p == nil {
				p = []string{"", ""}
			}
			out = append(out, [2]string{m[1] + m[2], p[1]})
		}
	}
	return out
}

// TestEveryVisibleElementHasAPart checks the styling contract: every element
// an integrator can see carries a part name for ::part(). The root (a
// wrapper without a look of its own) and the visually hidden table caption
// are the exceptions.
func TestEveryVisibleElementHasAPart(t *testing.T) {
	for _, e := range renderedParts(t) {
		if strings.Contains(e[0], `class="cc-root`) || strings.HasPrefix(e[0], "caption") {
			continue
		}
		assert.NotEmpty(t, e[1], "<%s> has no part name", e[0])
	}
}

// TestPartsAreDocumented checks that docs/styling.md's list of part names is the
// list of part names the banner renders, no more, no less.
func TestPartsAreDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../docs/styling.md")
	require.NoError(t, err)
	section := regexp.MustCompile("(?s)\n## Parts\n(.*?)\n## ").FindSubmatch(readme)
	require.NotNil(t, section, "docs/styling.md has a \"## Parts\" section")
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\|").FindAllSubmatch(section[1], -1) {
		documented = append(documented, string(m[1]))
	}
	var rendered []string
	for _, e := range renderedParts(t) {
		rendered = append(rendered, strings.Fields(e[1])...)
	}
	slices.Sort(rendered)
	rendered = slices.Compact(rendered)
	slices.Sort(documented)
	assert.Equal(t, rendered, documented)
}
