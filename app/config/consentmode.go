package config

import (
	"slices"
	"strings"
)

// ConsentMode maps category ids to the Google Consent Mode v2 signals that
// the category grants, e.g. {"statistics": ["analytics_storage"],
// "third_party": ["ad_storage", "ad_user_data", "ad_personalization"]}.
//
// When it is set, the loader pushes a "default" command with every mapped
// signal, and the four of Consent Mode v2, denied before any gated tag runs,
// then an "update" on every choice. A signal is granted only when every
// category that maps to it is accepted: a signal two categories share needs
// both consents.
type ConsentMode map[string][]string

// ConsentModeSignals are the signals a ConsentMode may name: Consent Mode
// v2's four required ones first, then the optional storage ones.
var ConsentModeSignals = []string{
	"analytics_storage", "ad_storage", "ad_user_data", "ad_personalization",
	"functionality_storage", "personalization_storage", "security_storage",
}

// validateConsentMode checks that consentMode names configured categories
// and known signals, each once.
func (c *Config) validateConsentMode(ps *problems) {
	for _, id := range sortedKeys(c.ConsentMode) {
		path := key("consentMode", id)
		cat, ok := c.Category(id)
		switch {
		case !ok:
			ps.add(path, "%s is not the id of a category (consentMode maps category ids to signals)", clip(quote(id)))
		case cat.Required:
			ps.add(path, "%q is required, so its signals would always be granted: leave them out of Consent Mode or grant them in your tag", id)
		}
		seen := map[string]bool{}
		for i, sig := range c.ConsentMode[id] {
			switch {
			case !slices.Contains(ConsentModeSignals, sig):
				ps.add(index(path, i), "%s is not a Consent Mode signal (allowed: %s)", clip(quote(sig)), strings.Join(ConsentModeSignals, ", "))
			case seen[sig]:
				ps.add(index(path, i), "%q is listed twice", sig)
			}
			seen[sig] = true
		}
	}
}
