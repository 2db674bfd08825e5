package config

import (
	_ "embed"
	"slices"
	"time"

	"github.com/opendata-portals/cookie-consent/app/consent"
)

// Config is one site's configuration, exactly as the integrator writes it in
// JSON. Parse and Load fill the defaults of omitted optional fields and check
// it; a Config built in Go should be checked with Validate before use.
type Config struct {
	// Revision is the version of the texts and categories the visitor
	// answers (>= 1). It is stored in the consent cookie; raising it makes
	// every earlier choice invalid, so every visitor is asked again.
	Revision int `json:"revision"`
	// LifetimeDays is how long a choice (consent or refusal) is kept, in
	// days: 1 to 395 (13 months, the CNIL maximum), 182 (six months) when
	// omitted.
	LifetimeDays int `json:"lifetimeDays"`
	// RefusalLifetimeDays is how long a refusal (every optional category
	// refused) is kept, in days: 1 to 395, LifetimeDays when omitted. A
	// site may ask again sooner after a refusal than after a consent.
	RefusalLifetimeDays int `json:"refusalLifetimeDays,omitempty"`
	// ReloadOnWithdrawal reloads the page after the visitor withdraws a
	// consent, so that the scripts it had let run stop at once (their
	// cookies are deleted either way).
	ReloadOnWithdrawal bool `json:"reloadOnWithdrawal,omitempty"`
	// ConsentMode, when set, drives Google Consent Mode v2: which signals
	// each category grants (see ConsentMode).
	ConsentMode ConsentMode `json:"consentMode,omitempty"`
	// CookieDomain is the optional Domain attribute of the consent cookie, a
	// host name such as "example.org" or ".example.org", to share one choice
	// across sub-domains. Empty means the page's host only.
	CookieDomain string `json:"cookieDomain,omitempty"`
	// DefaultLanguage is the language used when the visitor's is not
	// offered, and the one in which every text is required ("fr" when
	// omitted). It must be a key of Texts.
	DefaultLanguage string `json:"defaultLanguage"`
	// Layout is where the first layer shows: "bar" (default), "box" or
	// "modal". The script tag's data-layout overrides it.
	Layout string `json:"layout"`
	// Theme is the colour scheme: "light" (default), "dark", "auto" (the
	// visitor's system preference) or "dsfr" (the French state design
	// system's look). The script tag's data-theme overrides it.
	Theme string `json:"theme"`
	// Position is where the bar or the box shows: "bottom" (default),
	// "top" or a corner such as "bottom-left" (see appearance.go). The
	// script tag's data-position overrides it.
	Position string `json:"position"`
	// Stylesheet is the integrator's own stylesheet, added into the banner
	// after the theme: an https or root-relative URL, or empty. The script
	// tag's data-stylesheet overrides it.
	Stylesheet string `json:"stylesheet,omitempty"`
	// Categories are the groups of cookies the visitor accepts or refuses,
	// in the order the preferences panel shows them.
	Categories []Category `json:"categories"`
	// Texts are the interface texts per language code ("fr", "en", "pt-BR").
	Texts map[string]Texts `json:"texts"`
	// Proof says whether choices are recorded on the server (see Proof).
	Proof Proof `json:"proof,omitzero"`
}

// Values of Layout and Theme, and the limits of the configuration, exported so
// that the banner and the documentation use the very values that Validate
// enforces.
const (
	LayoutBar   = "bar"   // a bar along the bottom of the page (default)
	LayoutBox   = "box"   // a box in a corner of the page
	LayoutModal = "modal" // a dialog in the middle of the page

	ThemeLight = "light" // light colours (default)
	ThemeDark  = "dark"  // dark colours
	ThemeAuto  = "auto"  // follows the visitor's prefers-color-scheme
	ThemeDSFR  = "dsfr"  // the look of the French state design system (light)

	// DefaultLanguage is the language of the portal's charter, used when a
	// file omits defaultLanguage.
	DefaultLanguage = "fr"
	// DefaultLifetimeDays is six months, the CNIL's recommended lifetime of
	// a choice, used when a file omits lifetimeDays.
	DefaultLifetimeDays = 182
	// MaxLifetimeDays is 13 months, the CNIL's maximum lifetime of a choice.
	MaxLifetimeDays = 395
	// MaxRevision keeps the revision an int32, exact in any JavaScript or
	// backend that decodes the consent cookie.
	MaxRevision = 1<<31 - 1
	// MaxCategories keeps the consent cookie, which lists every category,
	// well under the browsers' 4 KB limit per cookie.
	MaxCategories = 50
	// MaxSize is the largest configuration file accepted (1 MiB): a real
	// one is a few KB, so anything larger is a mistake or an attack.
	MaxSize = 1 << 20
)

// IsLayout reports whether s is a layout ("bar", "box" or "modal"), so that
// the banner can check a data-layout attribute before it overrides Layout.
func IsLayout(s string) bool {
	return slices.Contains(Layouts(), s)
}

// Layouts lists the layouts, for the loader's prerendered first layers.
func Layouts() []string { return []string{LayoutBar, LayoutBox, LayoutModal} }

// Themes lists the themes, for the loader to check data-theme as Go does.
func Themes() []string { return []string{ThemeLight, ThemeDark, ThemeAuto, ThemeDSFR} }

// IsTheme reports whether s is a theme ("light", "dark", "auto" or "dsfr"),
// so that the banner can check a data-theme attribute before it overrides
// Theme.
func IsTheme(s string) bool {
	return slices.Contains(Themes(), s)
}

//go:embed default.json
var defaultJSON []byte

// DefaultJSON returns a copy of the embedded default configuration file, for
// the server to serve when the site has none and for integrators to start
// from.
func DefaultJSON() []byte {
	return append([]byte(nil), defaultJSON...)
}

// Default returns a fresh copy of the embedded default configuration, built
// from the portal's cookie charter. Each call parses the file again, so the
// caller may change the result freely. It panics only if the embedded file is
// broken, which the package's tests rule out.
func Default() *Config {
	c, err := Parse(defaultJSON)
	if err != nil {
		panic("config: the embedded default.json is invalid: " + err.Error())
	}
	return c
}

// Lifetime is how long a choice is kept: LifetimeDays days. It becomes the
// consent cookie's Max-Age and the age after which the visitor is asked again.
func (c *Config) Lifetime() time.Duration {
	return time.Duration(c.LifetimeDays) * 24 * time.Hour
}

// Category returns the category with this id, so that the banner and the
// script gate can look one up from a data-category attribute. The result
// shares its maps and slices with c.
func (c *Config) Category(id string) (Category, bool) {
	for _, cat := range c.Categories {
		if cat.ID == id {
			return cat, true
		}
	}
	return Category{}, false
}

// RefusalLifetime is how long a refusal is kept: RefusalLifetimeDays days,
// or Lifetime when it is not set.
func (c *Config) RefusalLifetime() time.Duration {
	if c.RefusalLifetimeDays == 0 {
		return c.Lifetime()
	}
	return time.Duration(c.RefusalLifetimeDays) * 24 * time.Hour
}

// Rules is what the consent package needs to judge a stored choice: the
// revision, the lifetime, every category id in configuration order and the
// ids of the required ones. The slices are new on every call.
func (c *Config) Rules() consent.Rules {
	r := consent.Rules{
		Revision:        c.Revision,
		Lifetime:        c.Lifetime(),
		RefusalLifetime: c.RefusalLifetime(),
		Categories:      make([]string, 0, len(c.Categories)),
		Required:        []string{},
	}
	for _, cat := range c.Categories {
		r.Categories = append(r.Categories, cat.ID)
		if cat.Required {
			r.Required = append(r.Required, cat.ID)
		}
	}
	return r
}
