//go:build !js

package audit

import (
	"fmt"
	"strings"
	"time"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// Suggestion is what the audit proposes for an undeclared cookie: the
// category it most likely belongs to, and a row ready to paste into that
// category's "cookies" table.
type Suggestion struct {
	// Category is the id of a category of the configuration; "" when the
	// configuration has no optional category to propose.
	Category string        `json:"category"`
	Entry    config.Cookie `json:"entry"`
}

// purposeKind is what a known cookie is for, before it is mapped onto the
// configuration's own categories.
type purposeKind int

const (
	kindFunctional purposeKind = iota
	kindStatistics
	kindAdvertising
)

// knownCookie is a family of cookies that well-known services set.
type knownCookie struct {
	pattern  string
	provider string
	kind     purposeKind
	fr, en   string // purpose
}

var (
	purposeStatsFR = "Mesure d'audience"
	purposeStatsEN = "Audience measurement"
	purposeAdsFR   = "Publicité et suivi entre sites"
	purposeAdsEN   = "Advertising and cross-site tracking"
)

// knownCookies are the families the audit recognises, most specific first.
var knownCookies = []knownCookie{
	{"_gat*", "Google Analytics", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"_gid", "Google Analytics", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"_ga*", "Google Analytics", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"__utm*", "Google Analytics", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"_pk_*", "Matomo", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"MATOMO_SESSID", "Matomo", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"mtm_*", "Matomo", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"atuserid", "AT Internet", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"atidvisitor", "AT Internet", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"_pcid", "Piano Analytics", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"_pctx", "Piano Analytics", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"_hj*", "Hotjar", kindStatistics, "Cartes de chaleur et enregistrement des visites", "Heat maps and session recording"},
	{"_clck", "Microsoft Clarity", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"_clsk", "Microsoft Clarity", kindStatistics, purposeStatsFR, purposeStatsEN},
	{"_gcl_*", "Google Ads", kindAdvertising, purposeAdsFR, purposeAdsEN},
	{"IDE", "Google (DoubleClick)", kindAdvertising, purposeAdsFR, purposeAdsEN},
	{"test_cookie", "Google (DoubleClick)", kindAdvertising, purposeAdsFR, purposeAdsEN},
	{"_fbp", "Meta", kindAdvertising, purposeAdsFR, purposeAdsEN},
	{"MUID", "Microsoft", kindAdvertising, purposeAdsFR, purposeAdsEN},
	{"YSC", "YouTube", kindAdvertising, purposeAdsFR, purposeAdsEN},
	{"VISITOR_INFO1_LIVE", "YouTube", kindAdvertising, purposeAdsFR, purposeAdsEN},
}

// Suggest proposes a category and a cookie-table row for an undeclared
// cookie (c non-nil) or storage key (c nil), seen at the given time.
func Suggest(cfg *config.Config, name string, c *Cookie, at time.Time) Suggestion {
	known, isKnown := knownFamily(name)
	kind := kindFunctional
	pattern, provider := name, ""
	purposeFR, purposeEN := "À compléter : à quoi sert ce cookie", "To be completed: what this cookie is for"
	switch {
	case isKnown:
		kind, pattern, provider = known.kind, known.pattern, known.provider
		purposeFR, purposeEN = known.fr, known.en
	case c != nil && c.ThirdParty:
		kind, provider = kindAdvertising, strings.TrimPrefix(c.Domain, ".")
	}
	if provider == "" {
		provider = "À compléter / to be completed"
	}
	lifeFR, lifeEN := "Session", "Session"
	if c != nil && c.Expires != nil {
		lifeFR, lifeEN = lifetimeWords(c.Lifetime(at))
	} else if c == nil {
		lifeFR, lifeEN = "Jusqu'à suppression", "Until deleted"
	}
	entry := config.Cookie{
		Name:     pattern,
		Provider: provider,
		Service:  localized(cfg, provider, provider),
		Purpose:  localized(cfg, purposeFR, purposeEN),
		Lifetime: localized(cfg, lifeFR, lifeEN),
	}
	return Suggestion{Category: categoryFor(cfg, kind), Entry: entry}
}

func knownFamily(name string) (knownCookie, bool) {
	for _, k := range knownCookies {
		if MatchesCookie(k.pattern, name) {
			return k, true
		}
	}
	return knownCookie{}, false
}

// localized gives a text in French and English, and in the configuration's
// default language (with the English text) when it is neither, so that the
// row passes the configuration's check as pasted.
func localized(cfg *config.Config, fr, en string) config.Localized {
	l := config.Localized{"fr": fr, "en": en}
	if def := cfg.DefaultLanguage; def != "" && l[def] == "" {
		l[def] = en
	}
	return l
}

// categoryFor maps a kind of purpose onto the configuration: the category
// of the usual id (those of the default configuration), else, for
// advertising, one marked saleOrAdvertising, else the first optional one.
func categoryFor(cfg *config.Config, kind purposeKind) string {
	want := map[purposeKind]string{kindStatistics: "statistics", kindAdvertising: "third_party", kindFunctional: "first_party"}[kind]
	if _, ok := cfg.Category(want); ok {
		return want
	}
	if kind == kindAdvertising {
		for _, c := range cfg.Categories {
			if c.SaleOrAdvertising && !c.Required {
				return c.ID
			}
		}
	}
	for _, c := range cfg.Categories {
		if !c.Required {
			return c.ID
		}
	}
	return ""
}

// lifetimeWords says a lifetime the way cookie tables do: in days under two
// months, else in months, else in years.
func lifetimeWords(d time.Duration) (fr, en string) {
	days := int((d + 12*time.Hour) / (24 * time.Hour))
	switch {
	case days < 1:
		return "Moins d'un jour", "Less than a day"
	case days == 1:
		return "1 jour", "1 day"
	case days < 60:
		return fmt.Sprintf("%d jours", days), fmt.Sprintf("%d days", days)
	case days < 365:
		m := (days + 15) / 30
		return fmt.Sprintf("%d mois", m), fmt.Sprintf("%d months", m)
	default:
		y := (days + 182) / 365
		if y == 1 {
			return "1 an", "1 year"
		}
		return fmt.Sprintf("%d ans", y), fmt.Sprintf("%d years", y)
	}
}
