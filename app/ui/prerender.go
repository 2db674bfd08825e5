package ui

import (
	"fmt"
	"regexp"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// Prerender renders, natively and once per language of the configuration,
// the first layer a visitor without a choice sees: the very markup the live
// component renders, so that the loader can show it as soon as the page's
// DOM is ready, long before the wasm is live, and the wasm can take over
// without a visible jump.
//
// The HTML has no whitespace between tags: the live DOM has none, and the
// text nodes of an indented copy would shift inline buttons by a few pixels.
func Prerender(cfg *config.Config) (map[string]string, error) {
	out := make(map[string]string, len(cfg.Texts))
	for lang := range cfg.Texts {
		b := New(Options{Config: cfg, Lang: lang, Jar: &MemoryJar{}})
		e := app.NewTestEngine()
		if err := e.Load(b); err != nil {
			return nil, fmt.Errorf("prerendering the banner in %q: %w", lang, err)
		}
		e.ConsumeAll()
		out[lang] = betweenTags.ReplaceAllString(app.HTMLString(b), "><")
	}
	return out, nil
}

// betweenTags is the indentation app.HTMLString puts between elements.
var betweenTags = regexp.MustCompile(`>\s+<`)
