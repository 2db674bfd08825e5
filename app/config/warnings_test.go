package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWarningsForAPartialLanguage(t *testing.T) {
	c, err := Parse(defaultWith(t,
		del("texts.en.customize"),
		set("texts.en.panelText", ""),
		set("texts.fr.managedBy", "Tours Métropole"),
		del("categories.2.label.en"),
		del("categories.0.cookies.1.purpose.en"),
	))
	require.NoError(t, err, "a partial translation is allowed")
	assert.Equal(t, []string{
		"texts.en.customize: missing, falls back to fr",
		"texts.en.panelText: missing, falls back to fr",
		"texts.en.managedBy: missing, falls back to fr",
		"categories[0].cookies[1].purpose.en: missing, falls back to fr",
		"categories[2].label.en: missing, falls back to fr",
	}, c.Warnings())
}

func TestWarningsForUnusedTranslationsAndLifetimes(t *testing.T) {
	c, err := Parse(defaultWith(t,
		set("categories.1.label.de", "Statistik"),
		del("categories.0.cookies.0.lifetime"),
	))
	require.NoError(t, err)
	assert.Equal(t, []string{
		"categories[0].cookies[0].lifetime.fr: missing, the cookie table shows no lifetime (e.g. \"Session\", \"13 mois\")",
		"categories[1].label.de: texts has no language \"de\", so this translation is never shown",
	}, c.Warnings())
}

func TestWarningsForTranslationsWithoutTexts(t *testing.T) {
	c := Default()
	delete(c.Texts, "en")
	for i := range c.Categories {
		delete(c.Categories[i].Label, "en")
	}
	require.NoError(t, c.Validate())
	w := c.Warnings()
	cookies := 0
	for _, cat := range c.Categories {
		cookies += len(cat.Cookies)
	}
	assert.Len(t, w, 4+cookies*3, "the 4 descriptions, and service, purpose and lifetime of every cookie, left in English")
	assert.Equal(t, `categories[0].description.en: texts has no language "en", so this translation is never shown`, w[0])
	for _, line := range w {
		assert.Contains(t, line, `.en: texts has no language "en"`)
	}
}
