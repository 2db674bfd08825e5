package proof

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

func TestShownInHoldsWhatThePanelShows(t *testing.T) {
	cfg := config.Default()
	fr := ShownIn(cfg, "fr")
	assert.Equal(t, "fr", fr.Lang)
	assert.Equal(t, "Tout refuser", fr.Texts.RefuseAll)
	require.Len(t, fr.Categories, len(cfg.Categories))
	assert.Equal(t, "necessary", fr.Categories[0].ID)
	assert.True(t, fr.Categories[0].Required)
	assert.Equal(t, "Cookies nécessaires", fr.Categories[0].Label)
	assert.Equal(t, "sessionid", fr.Categories[0].Cookies[0].Name)
	assert.Equal(t, "Opendatasoft", fr.Categories[0].Cookies[0].Provider)

	en := ShownIn(cfg, "en-GB")
	assert.Equal(t, "en", en.Lang, "matched as the banner matches languages")
	assert.Equal(t, "Necessary cookies", en.Categories[0].Label)
	assert.Equal(t, "fr", ShownIn(cfg, "de").Lang, "an unknown language shows the default one")
}

func TestShownFallsBackToTheDefaultLanguage(t *testing.T) {
	cfg := config.Default()
	en := cfg.Texts["en"]
	en.RefuseAll = ""
	cfg.Texts["en"] = en
	delete(cfg.Categories[1].Label, "en")
	s := ShownIn(cfg, "en")
	assert.Equal(t, "Tout refuser", s.Texts.RefuseAll, "the banner shows the default language's text")
	assert.Equal(t, cfg.Categories[1].Label["fr"], s.Categories[1].Label)
}

func TestTextsHash(t *testing.T) {
	cfg := config.Default()
	hashes := TextsHashes(cfg)
	require.Len(t, hashes, len(cfg.Texts))
	for lang, h := range hashes {
		assert.True(t, IsHash(h), lang)
		assert.Equal(t, h, ShownIn(cfg, lang).Hash(), "stable")
		assert.Equal(t, HashOf(ShownIn(cfg, lang).Canonical()), h)
	}
	assert.NotEqual(t, hashes["fr"], hashes["en"])

	// Any text the visitor sees changes the hash; the revision alone does not.
	changes := map[string]func(c *config.Config){
		"banner text": func(c *config.Config) { fr := c.Texts["fr"]; fr.BannerText += "."; c.Texts["fr"] = fr },
		"label":       func(c *config.Config) { c.Categories[1].Label["fr"] = "Mesure d'audience" },
		"cookie":      func(c *config.Config) { c.Categories[0].Cookies[0].Provider = "Autre" },
		"required":    func(c *config.Config) { c.Categories[1].Required = true },
		"new category": func(c *config.Config) {
			c.Categories = append(c.Categories, c.Categories[1])
			c.Categories[4].ID = "video"
		},
	}
	for name, change := range changes {
		c := config.Default()
		change(c)
		assert.NotEqual(t, hashes["fr"], ShownIn(c, "fr").Hash(), name)
	}
	c := config.Default()
	c.Revision = 9
	assert.Equal(t, hashes["fr"], ShownIn(c, "fr").Hash(), "the revision is sent beside the hash, not in it")
	en := config.Default()
	en.Categories[1].Label["en"] = "Audience"
	assert.Equal(t, hashes["fr"], ShownIn(en, "fr").Hash(), "another language's text does not change this one's")
}

func TestCanonicalIsStableJSON(t *testing.T) {
	s := ShownIn(config.Default(), "fr")
	a, b := s.Canonical(), s.Canonical()
	assert.Equal(t, a, b)
	var back Shown
	require.NoError(t, json.Unmarshal(a, &back))
	assert.Equal(t, a, back.Canonical(), "decoding and encoding again gives the same bytes")
	assert.Regexp(t, `^\{"v":1,"lang":"fr","texts":\{"bannerTitle":`, string(a))
}

func TestParseShownRefusesAlteredTexts(t *testing.T) {
	s := ShownIn(config.Default(), "fr")
	c := s.Canonical()
	got, err := ParseShown(c, s.Hash())
	require.NoError(t, err)
	assert.Equal(t, s, got)

	altered := append([]byte(nil), c...)
	altered[len(altered)-3] = 'X'
	_, err = ParseShown(altered, s.Hash())
	assert.ErrorIs(t, err, errTextsAltered)
}

func TestIsHash(t *testing.T) {
	for s, want := range map[string]bool{
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": true,
		"0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef": false,
		"0123456789abcdef": false,
		"":                 false,
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg":  false,
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0": false,
	} {
		assert.Equal(t, want, IsHash(s), s)
	}
}
