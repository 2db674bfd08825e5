//go:build !js

package main

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// The reference banner's files, as the page requests them. The
// configuration script is a file of its own (not inline in the HTML) so that
// the HTML of both pages is the same size and the banner's configuration
// counts as banner JS on both sides: ours is inside /consent.js.
const (
	refJSPath     = "/cookieconsent.umd.js"
	refCSSPath    = "/cookieconsent.css"
	refConfigPath = "/cc-config.js"
)

// loaderTag matches the demo page's script tag for our loader.
var loaderTag = regexp.MustCompile(`<script\b[^>]*\bsrc="[^"]*consent\.js"[^>]*>\s*</script>`)

// referenceHTML is the demo page with our loader's tag replaced by the
// reference banner's stylesheet and scripts, in the same place (<head>) and
// with the same defer: the way vanilla-cookieconsent's documentation
// integrates it.
func referenceHTML(demo []byte) ([]byte, error) {
	if n := len(loaderTag.FindAllIndex(demo, -1)); n != 1 {
		return nil, fmt.Errorf("the demo page has %d consent.js script tags, want 1", n)
	}
	tags := `<link rel="stylesheet" href="` + refCSSPath + `">
  <script src="` + refJSPath + `" defer></script>
  <script src="` + refConfigPath + `" defer></script>`
	return loaderTag.ReplaceAll(demo, []byte(tags)), nil
}

// The vanilla-cookieconsent 3 configuration, as much of it as the benchmark
// sets. See https://cookieconsent.orestbida.com/reference/configuration-reference.html
type ccConfig struct {
	// HideFromBots false: the reference hides itself from headless browsers
	// by default, and the benchmark is one.
	HideFromBots bool                  `json:"hideFromBots"`
	Revision     int                   `json:"revision"`
	Cookie       ccCookie              `json:"cookie"`
	GuiOptions   ccGuiOptions          `json:"guiOptions"`
	Categories   map[string]ccCategory `json:"categories"`
	Language     ccLanguage            `json:"language"`
}

type ccCookie struct {
	Name             string `json:"name"`
	ExpiresAfterDays int    `json:"expiresAfterDays"`
}

type ccGuiOptions struct {
	ConsentModal ccModalOptions `json:"consentModal"`
}

type ccModalOptions struct {
	Layout             string `json:"layout"`
	Position           string `json:"position"`
	EqualWeightButtons bool   `json:"equalWeightButtons"`
}

type ccCategory struct {
	Enabled  bool `json:"enabled"`
	ReadOnly bool `json:"readOnly"`
}

type ccLanguage struct {
	Default      string                   `json:"default"`
	Translations map[string]ccTranslation `json:"translations"`
}

type ccTranslation struct {
	ConsentModal     ccConsentModal     `json:"consentModal"`
	PreferencesModal ccPreferencesModal `json:"preferencesModal"`
}

type ccConsentModal struct {
	Title              string `json:"title"`
	Description        string `json:"description"`
	AcceptAllBtn       string `json:"acceptAllBtn"`
	AcceptNecessaryBtn string `json:"acceptNecessaryBtn"`
	ShowPreferencesBtn string `json:"showPreferencesBtn"`
}

type ccPreferencesModal struct {
	Title              string      `json:"title"`
	AcceptAllBtn       string      `json:"acceptAllBtn"`
	AcceptNecessaryBtn string      `json:"acceptNecessaryBtn"`
	SavePreferencesBtn string      `json:"savePreferencesBtn"`
	CloseIconLabel     string      `json:"closeIconLabel"`
	Sections           []ccSection `json:"sections"`
}

type ccSection struct {
	Title          string         `json:"title"`
	Description    string         `json:"description"`
	LinkedCategory string         `json:"linkedCategory,omitempty"`
	CookieTable    *ccCookieTable `json:"cookieTable,omitempty"`
}

type ccCookieTable struct {
	Headers map[string]string   `json:"headers"`
	Body    []map[string]string `json:"body"`
}

// refCookieName is the reference's consent cookie.
const refCookieName = "cc_cookie"

// referenceConfig translates our configuration into the reference's: the
// same categories (required ones read-only, the others off), the same cookie
// tables and the same texts in lang, the same lifetime, and a bar at the
// bottom like our default layout. The texts are HTML-escaped: the reference
// puts them in with innerHTML.
func referenceConfig(cfg *config.Config, lang string) ccConfig {
	t := cfg.TextsFor(lang)
	esc := html.EscapeString
	in := func(l config.Localized) string { return esc(l.In(lang, cfg.DefaultLanguage)) }
	cats := map[string]ccCategory{}
	sections := []ccSection{{Title: esc(t.PanelTitle), Description: esc(t.PanelText)}}
	for _, c := range cfg.Categories {
		cats[c.ID] = ccCategory{Enabled: c.Required, ReadOnly: c.Required}
		s := ccSection{Title: in(c.Label), Description: in(c.Description), LinkedCategory: c.ID}
		if len(c.Cookies) > 0 {
			table := &ccCookieTable{Headers: map[string]string{
				"name": esc(t.TableName), "provider": esc(t.TableProvider), "service": esc(t.TableService),
				"purpose": esc(t.TablePurpose), "lifetime": esc(t.TableLifetime),
			}}
			for _, k := range c.Cookies {
				table.Body = append(table.Body, map[string]string{
					"name": esc(k.Name), "provider": esc(k.Provider), "service": in(k.Service),
					"purpose": in(k.Purpose), "lifetime": in(k.Lifetime),
				})
			}
			s.CookieTable = table
		}
		sections = append(sections, s)
	}
	return ccConfig{
		HideFromBots: false,
		Revision:     cfg.Revision,
		Cookie:       ccCookie{Name: refCookieName, ExpiresAfterDays: cfg.LifetimeDays},
		GuiOptions:   ccGuiOptions{ConsentModal: ccModalOptions{Layout: "bar", Position: "bottom", EqualWeightButtons: true}},
		Categories:   cats,
		Language: ccLanguage{Default: lang, Translations: map[string]ccTranslation{lang: {
			ConsentModal: ccConsentModal{
				Title: esc(t.BannerTitle), Description: esc(t.BannerText),
				AcceptAllBtn: esc(t.AcceptAll), AcceptNecessaryBtn: esc(t.RefuseAll), ShowPreferencesBtn: esc(t.Customize),
			},
			PreferencesModal: ccPreferencesModal{
				Title: esc(t.PanelTitle), AcceptAllBtn: esc(t.AcceptAll), AcceptNecessaryBtn: esc(t.RefuseAll),
				SavePreferencesBtn: esc(t.Save), CloseIconLabel: esc(t.Close), Sections: sections,
			},
		}}},
	}
}

// referenceConfigScript is /cc-config.js: it runs the reference with cfg.
// The cookie is Secure only on https, as ours.
func referenceConfigScript(cfg ccConfig) ([]byte, error) {
	j, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, "(function () {\n  var config = %s;\n  config.cookie.secure = location.protocol === \"https:\";\n  CookieConsent.run(config);\n})();\n", j), nil
}
