package ui

import (
	"fmt"
	"regexp"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// FirstLayer is the first layer a visitor without a choice sees, rendered
// natively with the live component, for the loader to show as soon as the
// page's DOM is ready, long before the wasm is live (if it is ever needed),
// and for the wasm to take over without a visible jump.
type FirstLayer struct {
	// HTML is the markup per language, then per layout (the modal one is
	// a dialog over a backdrop). It carries the configuration's theme and
	// position; the loader swaps their classes for the script tag's.
	HTML map[string]map[string]string `json:"html"`
	// Themes, Positions and Layouts are the values the loader accepts
	// from data-theme, data-position and data-layout, as the wasm does.
	Themes    []string `json:"themes"`
	Positions []string `json:"positions"`
	Layouts   []string `json:"layouts"`
}

// Prerender renders the first layer in every language and layout.
//
// The HTML has no whitespace between tags: the live DOM has none, and the
// text nodes of an indented copy would shift inline buttons by a few pixels.
func Prerender(cfg *config.Config) (FirstLayer, error) {
	out := FirstLayer{HTML: make(map[string]map[string]string, len(cfg.Texts)), Themes: config.Themes(), Positions: config.Positions(), Layouts: config.Layouts()}
	for lang := range cfg.Texts {
		out.HTML[lang] = map[string]string{}
		for _, layout := range config.Layouts() {
			b := New(Options{Config: cfg, Lang: lang, Layout: layout, Jar: &MemoryJar{}})
			e := app.NewTestEngine()
			if err := e.Load(b); err != nil {
				return FirstLayer{}, fmt.Errorf("prerendering the banner in %q, layout %q: %w", lang, layout, err)
			}
			e.ConsumeAll()
			html := betweenTags.ReplaceAllString(app.HTMLString(b), "><")
			out.HTML[lang][layout] = bareARIA.ReplaceAllString(html, `$1="true"$2`)
		}
	}
	return out, nil
}

var (
	// betweenTags is the indentation app.HTMLString puts between elements.
	betweenTags = regexp.MustCompile(`>\s+<`)
	// bareARIA is an ARIA attribute that app.HTMLString wrote without its
	// value, as it writes every attribute set to "true"; ARIA states need
	// the word ("aria-modal" alone is not "aria-modal=true").
	bareARIA = regexp.MustCompile(`(\saria-[a-z]+)([\s>])`)
)
