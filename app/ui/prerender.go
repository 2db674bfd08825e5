//go:build !js

// The server's side of the banner: prerendering runs natively, never in
// the wasm, which carries none of it (nor compiles its regexps at start).

package ui

import (
	"fmt"
	"regexp"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
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
			html, err := prerender(b)
			if err != nil {
				return FirstLayer{}, fmt.Errorf("prerendering the banner in %q, layout %q: %w", lang, layout, err)
			}
			out.HTML[lang][layout] = html
		}
	}
	return out, nil
}

// PrerenderPanel renders the preferences panel in every language, for the
// loader to show in the frame after the click that asks for it, long
// before the wasm is live (web/loader/panel.js). The panel's markup is the
// same in every layout but for the root's layout class, which the loader
// sets, as it sets the theme and position classes: one copy per language
// keeps the loader small.
//
// It is drawn with every optional switch off, for a visitor with a choice
// (the close control named for closing the panel; the loader gives it its
// first-visit name, closeToBanner, from its own texts) and with the Global
// Privacy Control notes (the live panel shows them when the signal is on):
// the loader sets the switches to the visitor's choice and takes out what
// does not apply to them.
func PrerenderPanel(cfg *config.Config) (map[string]string, error) {
	refused := map[string]bool{}
	for _, c := range cfg.Categories {
		refused[c.ID] = c.Required
	}
	out := make(map[string]string, len(cfg.Texts))
	for lang := range cfg.Texts {
		jar := &MemoryJar{}
		c := consent.New(cfg.Revision, refused, time.Now())
		jar.SetCookie(consent.SetCookie(c, consent.Attributes{MaxAge: cfg.Rules().LifetimeOf(c)}))
		b := New(Options{Config: cfg, Lang: lang, Jar: jar, GPC: true})
		b.ShowPanel()
		html, err := prerender(b)
		if err != nil {
			return nil, fmt.Errorf("prerendering the panel in %q: %w", lang, err)
		}
		out[lang] = html
	}
	return out, nil
}

// prerender renders b natively as the loader inserts it.
func prerender(b *Banner) (string, error) {
	e := app.NewTestEngine()
	if err := e.Load(b); err != nil {
		return "", err
	}
	e.ConsumeAll()
	html := betweenTags.ReplaceAllString(app.HTMLString(b), "><")
	html = falseBoolean.ReplaceAllString(html, "")
	return bareARIA.ReplaceAllString(html, `$1="true"$2`), nil
}

var (
	// betweenTags is the indentation app.HTMLString puts between elements.
	betweenTags = regexp.MustCompile(`>\s+<`)
	// bareARIA is an ARIA attribute that app.HTMLString wrote without its
	// value, as it writes every attribute set to "true"; ARIA states need
	// the word ("aria-modal" alone is not "aria-modal=true").
	bareARIA = regexp.MustCompile(`(\saria-[a-z]+)([\s>])`)
	// falseBoolean is an HTML boolean attribute app.HTMLString wrote with
	// "false" (the live component sets the property instead): present, it
	// would mean true, and an optional switch would be checked and disabled.
	falseBoolean = regexp.MustCompile(`\s(checked|disabled|hidden|readonly|required|selected|multiple|open)="false"`)
)
