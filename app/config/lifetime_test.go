package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/consent"
)

// choiceCookie returns the consent cookie's row of a parsed configuration.
func choiceCookie(t *testing.T, c *Config) Cookie {
	t.Helper()
	for _, cat := range c.Categories {
		for _, ck := range cat.Cookies {
			if ck.Name == consent.CookieName {
				return ck
			}
		}
	}
	t.Fatalf("no %s row", consent.CookieName)
	return Cookie{}
}

// TestTheChoiceLifetimeIsDerivedFromTheConfiguration: the cookie table
// says how long cookies_preferences is really kept, in every language of
// the texts, whatever the file wrote there.
func TestTheChoiceLifetimeIsDerivedFromTheConfiguration(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  Localized
	}{
		{"the default, six months", nil, Localized{"fr": "6 mois", "en": "6 months"}},
		{"90 days", []edit{set("lifetimeDays", 90)}, Localized{"fr": "3 mois", "en": "3 months"}},
		{"13 months", []edit{set("lifetimeDays", 395)}, Localized{"fr": "13 mois", "en": "13 months"}},
		{"a year", []edit{set("lifetimeDays", 365)}, Localized{"fr": "1 an", "en": "1 year"}},
		{"days that are no whole month", []edit{set("lifetimeDays", 45)}, Localized{"fr": "45 jours", "en": "45 days"}},
		{"one day", []edit{set("lifetimeDays", 1)}, Localized{"fr": "1 jour", "en": "1 day"}},
		{"a shorter refusal", []edit{set("lifetimeDays", 395), set("refusalLifetimeDays", 30)},
			Localized{"fr": "13 mois (1 mois après un refus)", "en": "13 months (1 month after a refusal)"}},
		{"a refusal as long as a consent says nothing more", []edit{set("refusalLifetimeDays", 182)},
			Localized{"fr": "6 mois", "en": "6 months"}},
		{"what the file wrote is replaced", []edit{set("lifetimeDays", 90), set("categories.0.cookies.3.lifetime", map[string]any{"fr": "6 mois", "en": "6 months"})},
			Localized{"fr": "3 mois", "en": "3 months"}},
		{"another language of the texts", []edit{set("lifetimeDays", 90), set("texts.de", map[string]any{"acceptAll": "Alle akzeptieren"}), set("texts.eo", map[string]any{"acceptAll": "Akcepti ĉion"})},
			Localized{"fr": "3 mois", "en": "3 months", "de": "3 Monate", "eo": "3 mois"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(defaultWith(t, tt.edits...))
			require.NoError(t, err)
			assert.Equal(t, tt.want, choiceCookie(t, c).Lifetime)
		})
	}
}
