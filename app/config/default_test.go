package config

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultParsesAndValidates(t *testing.T) {
	c, err := Parse(DefaultJSON())
	require.NoError(t, err)
	require.NoError(t, c.Validate())
	assert.Equal(t, c, Default())
	assert.Empty(t, c.Warnings(), "the default configuration must print no warning at start")
}

func TestDefaultSettings(t *testing.T) {
	c := Default()
	assert.Equal(t, 1, c.Revision)
	assert.Equal(t, 182, c.LifetimeDays)
	assert.Equal(t, "fr", c.DefaultLanguage)
	assert.Equal(t, "bar", c.Layout)
	assert.Equal(t, "light", c.Theme)
	assert.Equal(t, "bottom", c.Position)
	assert.Empty(t, c.Stylesheet, "by default only the theme styles the banner")
	assert.Empty(t, c.CookieDomain, "by default the cookie belongs to the page's host only")
}

func TestDefaultCategories(t *testing.T) {
	c := Default()
	want := []struct {
		id       string
		required bool
		labelFR  string
	}{
		{"necessary", true, "Cookies nécessaires"},
		{"statistics", false, "Cookies statistiques"},
		{"first_party", false, "Cookies internes (first-party)"},
		{"third_party", false, "Cookies tiers (third-party)"},
	}
	require.Len(t, c.Categories, len(want))
	for i, w := range want {
		cat := c.Categories[i]
		assert.Equal(t, w.id, cat.ID, "categories[%d]", i)
		assert.Equal(t, w.required, cat.Required, "%s: only the necessary category is required (no pre-ticked optional category)", w.id)
		assert.Equal(t, w.labelFR, cat.Label["fr"], w.id)
		assert.NotEmpty(t, cat.Label["en"], w.id)
		assert.NotEmpty(t, cat.Description["fr"], w.id)
		assert.NotEmpty(t, cat.Description["en"], w.id)
	}
	assert.Contains(t, c.Categories[1].Description["fr"], "Matomo")
	assert.Contains(t, c.Categories[1].Description["fr"], "mesurer l'audience")
	assert.Contains(t, c.Categories[3].Description["fr"], "régie publicitaire")
	for _, cat := range c.Categories[2:] {
		assert.Empty(t, cat.Cookies, "%s: the portal lists its own optional cookies", cat.ID)
	}
}

// TestDefaultStatisticsListTheAudienceToolsCookies: the statistics
// category names Matomo, Google Analytics and AT Internet (Piano), so it
// lists the cookies their documentation gives, by name or family: a
// withdrawal deletes them (the loader deletes what the table lists).
func TestDefaultStatisticsListTheAudienceToolsCookies(t *testing.T) {
	stats, ok := Default().Category("statistics")
	require.True(t, ok)
	var names []string
	for _, ck := range stats.Cookies {
		names = append(names, ck.Name)
		assert.NotEmpty(t, ck.Provider, ck.Name)
		for _, lang := range []string{"fr", "en"} {
			assert.NotEmpty(t, ck.Service[lang], "%s: service in %s", ck.Name, lang)
			assert.NotEmpty(t, ck.Purpose[lang], "%s: purpose in %s", ck.Name, lang)
			assert.NotEmpty(t, ck.Lifetime[lang], "%s: lifetime in %s", ck.Name, lang)
		}
	}
	assert.Equal(t, []string{
		"_pk_*", "mtm_*", // Matomo: _pk_id, _pk_ses, _pk_ref, _pk_cvar, _pk_hsr, _pk_testcookie; mtm_consent...
		"_ga", "_ga_*", "_gid", "_gat*", // Google Analytics 4 and Universal Analytics
		"atuserid", "atidvisitor", "atauthority", // AT Internet SmartTag
		"_pcid", "_pctx", "_pprv", "pa_*", // Piano Analytics SDK, and before 6.8
	}, names)
	for _, tool := range []string{"Matomo", "AT Internet", "Google Analytics"} {
		assert.Contains(t, stats.Description["fr"], tool, "the text names what the table lists")
	}
}

// TestDefaultNecessaryCookies checks the rows of the charter's table,
// verbatim in French.
func TestDefaultNecessaryCookies(t *testing.T) {
	want := []struct{ name, service, purpose, lifetimeFR, lifetimeEN string }{
		{"sessionid", "Authentification (front et back office)", "Se souvenir de l'utilisateur d'une page à une autre.", "Session", "Session"},
		{"django_language", "Sélection de la langue (front et back office)", "Se souvenir de la langue du visiteur", "1 an", "1 year"},
		{"csrftoken", "API (CSRF) (front et back office)", "Récupérer des données via des appels API", "1 an", "1 year"},
		{"cookies_preferences", "Choix concernant vos préférences sur les cookies", "Permet de se souvenir du choix opéré par le visiteur concernant les cookies", "6 mois", "6 months"},
	}
	necessary, ok := Default().Category("necessary")
	require.True(t, ok)
	require.Len(t, necessary.Cookies, len(want))
	for i, w := range want {
		ck := necessary.Cookies[i]
		assert.Equal(t, w.name, ck.Name)
		assert.Equal(t, "Opendatasoft", ck.Provider, w.name)
		assert.Equal(t, w.service, ck.Service["fr"], w.name)
		assert.Equal(t, w.purpose, ck.Purpose["fr"], w.name)
		assert.Equal(t, w.lifetimeFR, ck.Lifetime["fr"], w.name)
		assert.Equal(t, w.lifetimeEN, ck.Lifetime["en"], w.name)
		assert.NotEmpty(t, ck.Service["en"], w.name)
		assert.NotEmpty(t, ck.Purpose["en"], w.name)
	}
}

func TestDefaultTextsComplete(t *testing.T) {
	c := Default()
	require.ElementsMatch(t, []string{"fr", "en"}, sortedKeys(c.Texts))
	for _, lang := range []string{"fr", "en"} {
		tx := c.Texts[lang]
		for _, f := range tx.fields() {
			if f.key == "managedBy" {
				assert.Empty(t, *f.value, "%s.managedBy is the portal's to fill", lang)
				continue
			}
			assert.NotEmpty(t, strings.TrimSpace(*f.value), "texts.%s.%s", lang, f.key)
		}
	}
	fr := c.Texts["fr"]
	assert.Equal(t, "Gestion des cookies", fr.BannerTitle)
	assert.Equal(t, "Tout accepter", fr.AcceptAll)
	assert.Equal(t, "Tout refuser", fr.RefuseAll)
	assert.Equal(t, "Personnaliser", fr.Customize)
	assert.Equal(t, "Préférences des cookies", fr.PanelTitle)
	assert.Equal(t, "Enregistrer mes choix", fr.Save)
	assert.Equal(t, "Toujours actifs", fr.AlwaysOn)
	assert.Equal(t, "Service et emplacement", fr.TableService)
	assert.Equal(t, "Finalités", fr.TablePurpose)
	en := c.Texts["en"]
	assert.Equal(t, "Accept all", en.AcceptAll)
	assert.Equal(t, "Refuse all", en.RefuseAll)
	assert.Equal(t, "Customise", en.Customize)
	assert.Equal(t, "Save my choices", en.Save)
}

// TestDefaultFirstLayerFollowsCNIL checks rule 4 of PRODUCT.md: the first
// layer names the purposes, says refusing has no consequence on access, and
// that the choice can be changed at any time, and how.
func TestDefaultFirstLayerFollowsCNIL(t *testing.T) {
	c := Default()
	cases := map[string][]string{
		"fr": {"mesure d'audience", "personnalisation", "publicité",
			"Vous pouvez refuser : cela n'a aucune conséquence sur votre accès au portail.",
			"à tout moment", "Gestion des cookies", "en bas de chaque page"},
		"en": {"audience measurement", "personalisation", "advertising",
			"no consequence on your access to the portal", "at any time", "at the bottom of each page"},
	}
	for lang, phrases := range cases {
		for _, p := range phrases {
			assert.Contains(t, c.Texts[lang].BannerText, p, lang)
		}
	}
	assert.Contains(t, c.Texts["fr"].PanelText, "toujours actifs")
	assert.Contains(t, c.Texts["en"].PanelText, "always on")
}

// TestDefaultTypography keeps one kind of apostrophe in the French texts:
// the charter's straight one.
func TestDefaultTypography(t *testing.T) {
	assert.NotContains(t, string(DefaultJSON()), "’")
	assert.NotContains(t, string(DefaultJSON()), "cookiesbefore")
}

func TestDefaultIsAFreshCopy(t *testing.T) {
	a := Default()
	a.Revision = 9
	a.Categories[0].Label["fr"] = "changed"
	a.Categories[0].Cookies[0].Name = "changed"
	tx := a.Texts["fr"]
	tx.AcceptAll = "changed"
	a.Texts["fr"] = tx
	DefaultJSON()[0] = 'X'

	b := Default()
	assert.Equal(t, 1, b.Revision)
	assert.Equal(t, "Cookies nécessaires", b.Categories[0].Label["fr"])
	assert.Equal(t, "sessionid", b.Categories[0].Cookies[0].Name)
	assert.Equal(t, "Tout accepter", b.Texts["fr"].AcceptAll)
}

func TestDefaultRoundTrip(t *testing.T) {
	data, err := json.Marshal(Default())
	require.NoError(t, err)
	c, err := Parse(data)
	require.NoError(t, err)
	assert.Equal(t, Default(), c)
}
