package bundle

import "github.com/opendata-portals/cookie-consent/app/config"

// loaderConfig is the part of the configuration that consent.js carries on
// every page view: what it takes to judge and store a choice, gate
// elements, delete cookies and write the blocked-content notices. The
// panel's texts and cookie tables, most of a configuration, stay out: the
// wasm reads the whole configuration from FullConfig (content-addressed, so
// it always matches this copy) when the panel is asked for. The JSON names
// are the configuration's own.
type loaderConfig struct {
	Revision            int                    `json:"revision"`
	LifetimeDays        int                    `json:"lifetimeDays"`
	RefusalLifetimeDays int                    `json:"refusalLifetimeDays,omitempty"`
	ReloadOnWithdrawal  bool                   `json:"reloadOnWithdrawal,omitempty"`
	ConsentMode         config.ConsentMode     `json:"consentMode,omitempty"`
	CookieDomain        string                 `json:"cookieDomain,omitempty"`
	DefaultLanguage     string                 `json:"defaultLanguage"`
	Layout              string                 `json:"layout"`
	Theme               string                 `json:"theme"`
	Position            string                 `json:"position"`
	Stylesheet          string                 `json:"stylesheet,omitempty"`
	Categories          []loaderCategory       `json:"categories"`
	Texts               map[string]loaderTexts `json:"texts"`
	// FullConfig is the whole configuration's URL, relative to consent.js.
	FullConfig string `json:"fullConfig"`
}

// loaderCategory is what the loader needs of a category: its id and rules,
// its label (for notices) and the names of its cookies (for withdrawal).
type loaderCategory struct {
	ID                string           `json:"id"`
	Required          bool             `json:"required,omitempty"`
	SaleOrAdvertising bool             `json:"saleOrAdvertising,omitempty"`
	Label             config.Localized `json:"label"`
	Cookies           []loaderCookie   `json:"cookies,omitempty"`
}

type loaderCookie struct {
	Name string `json:"name"`
}

// loaderTexts are the texts the loader writes by itself; their keys also
// tell it which languages the banner speaks.
type loaderTexts struct {
	BlockedContent string `json:"blockedContent"`
	AllowContent   string `json:"allowContent"`
	// CloseToBanner names the prerendered panel's close control on a first
	// visit (it is drawn with the name it has for a visitor with a choice).
	CloseToBanner string `json:"closeToBanner"`
}

// newLoaderConfig takes from cfg what the loader needs; full is the name of
// the whole configuration's file.
func newLoaderConfig(cfg *config.Config, full string) loaderConfig {
	lc := loaderConfig{
		Revision: cfg.Revision, LifetimeDays: cfg.LifetimeDays, RefusalLifetimeDays: cfg.RefusalLifetimeDays,
		ReloadOnWithdrawal: cfg.ReloadOnWithdrawal, ConsentMode: cfg.ConsentMode, CookieDomain: cfg.CookieDomain,
		DefaultLanguage: cfg.DefaultLanguage, Layout: cfg.Layout, Theme: cfg.Theme, Position: cfg.Position,
		Stylesheet: cfg.Stylesheet, Texts: map[string]loaderTexts{}, FullConfig: full,
	}
	for _, c := range cfg.Categories {
		lcat := loaderCategory{ID: c.ID, Required: c.Required, SaleOrAdvertising: c.SaleOrAdvertising, Label: c.Label}
		for _, k := range c.Cookies {
			lcat.Cookies = append(lcat.Cookies, loaderCookie{Name: k.Name})
		}
		lc.Categories = append(lc.Categories, lcat)
	}
	for lang, t := range cfg.Texts {
		lc.Texts[lang] = loaderTexts{BlockedContent: t.BlockedContent, AllowContent: t.AllowContent, CloseToBanner: cfg.TextsFor(lang).CloseToBanner}
	}
	return lc
}
