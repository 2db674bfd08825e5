package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTextsForFallsBackField(t *testing.T) {
	c := Default()
	c.Texts["en"] = Texts{AcceptAll: "Accept everything", RefuseAll: "   "}
	got := c.TextsFor("en")
	fr := c.Texts["fr"]
	assert.Equal(t, "Accept everything", got.AcceptAll, "a translated field is kept")
	assert.Equal(t, fr.RefuseAll, got.RefuseAll, "a blank field falls back")
	assert.Equal(t, fr.BannerText, got.BannerText, "a missing field falls back")
	assert.Equal(t, fr.TableLifetime, got.TableLifetime)
	for _, f := range got.fields() {
		if !f.optional {
			assert.NotEmpty(t, *f.value, f.key)
		}
	}
}

func TestTextsForLanguages(t *testing.T) {
	c := Default()
	c.Texts["fr"] = Texts{AcceptAll: "Tout accepter", ManagedBy: "Tours Métropole"}
	assert.Equal(t, "Tours Métropole", c.TextsFor("en").ManagedBy, "managedBy falls back too")
	assert.Equal(t, "Accept all", c.TextsFor("EN").AcceptAll, "matched like Language")
	assert.Equal(t, "Accept all", c.TextsFor("en-GB").AcceptAll)
	assert.Equal(t, "Tout accepter", c.TextsFor("de").AcceptAll, "unknown gives the default language")
	assert.Equal(t, "Tout accepter", c.TextsFor("").AcceptAll)
}

func TestTextsForDoesNotChangeTheConfig(t *testing.T) {
	c := Default()
	c.Texts["en"] = Texts{AcceptAll: "Accept"}
	_ = c.TextsFor("en")
	assert.Empty(t, c.Texts["en"].RefuseAll)
}

func TestLocalizedIn(t *testing.T) {
	l := Localized{"fr": "Bonjour", "en": "Hello", "pt-BR": "Olá", "de": " "}
	cases := []struct{ lang, fallback, want string }{
		{"en", "fr", "Hello"},
		{"es", "fr", "Bonjour"},
		{"EN", "fr", "Hello"},
		{"pt-br", "fr", "Olá"},
		{"de", "fr", "Bonjour"},
		{"es", "it", ""},
		{"", "", ""},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, l.In(tc.lang, tc.fallback), "In(%q, %q)", tc.lang, tc.fallback)
	}
	assert.Equal(t, "", Localized(nil).In("fr", "en"), "a nil text is empty, not a panic")
}

// A configuration written before closePanel and closeToBanner existed
// still names the panel's close control: by its visible label.
func TestCloseControlNamesFallBackToClose(t *testing.T) {
	c := Default()
	for _, lang := range []string{"fr", "en"} {
		tx := c.Texts[lang]
		tx.ClosePanel, tx.CloseToBanner = "", ""
		c.Texts[lang] = tx
	}
	en := c.TextsFor("en")
	assert.Equal(t, "Close", en.ClosePanel)
	assert.Equal(t, "Close", en.CloseToBanner)
	assert.NoError(t, c.Validate(), "both are optional")

	d := Default()
	assert.Equal(t, "Fermer les préférences", d.TextsFor("fr").ClosePanel)
	assert.Equal(t, "Close without saving and go back to the banner", d.TextsFor("en").CloseToBanner)
}
