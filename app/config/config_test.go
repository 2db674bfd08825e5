package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/consent"
)

func TestLifetime(t *testing.T) {
	c := Default()
	assert.Equal(t, 182*24*time.Hour, c.Lifetime())
	c.LifetimeDays = 395
	assert.Equal(t, 395*24*time.Hour, c.Lifetime())
}

func TestCategory(t *testing.T) {
	c := Default()
	cat, ok := c.Category("statistics")
	require.True(t, ok)
	assert.Equal(t, "Cookies statistiques", cat.Label["fr"])
	_, ok = c.Category("Statistics")
	assert.False(t, ok, "ids are case-sensitive")
	_, ok = c.Category("")
	assert.False(t, ok)
}

func TestRules(t *testing.T) {
	c := Default()
	c.Revision = 4
	c.LifetimeDays = 30
	assert.Equal(t, consent.Rules{
		Revision:        4,
		Lifetime:        30 * 24 * time.Hour,
		RefusalLifetime: 30 * 24 * time.Hour,
		Categories:      []string{"necessary", "statistics", "first_party", "third_party"},
		Required:        []string{"necessary"},
	}, c.Rules())
	c.RefusalLifetimeDays = 7
	assert.Equal(t, 7*24*time.Hour, c.Rules().RefusalLifetime, "a refusal may be asked again sooner")

	c.Categories[2].Required = true
	assert.Equal(t, []string{"necessary", "first_party"}, c.Rules().Required, "in configuration order")

	c.Categories = c.Categories[1:2]
	c.Categories[0].Required = false
	assert.Equal(t, []string{}, c.Rules().Required, "no required category is allowed")
}

func TestLayoutAndThemeSets(t *testing.T) {
	for _, s := range []string{"bar", "box", "modal"} {
		assert.True(t, IsLayout(s), s)
	}
	for _, s := range []string{"light", "dark", "auto", "dsfr"} {
		assert.True(t, IsTheme(s), s)
	}
	for _, s := range []string{"", "Bar", "side", "light"} {
		assert.False(t, IsLayout(s), s)
	}
	for _, s := range []string{"", "Dark", "blue", "bar", "DSFR"} {
		assert.False(t, IsTheme(s), s)
	}
}

func TestParseKeepsIntegrationSettings(t *testing.T) {
	c, err := Parse(defaultWith(t,
		set("refusalLifetimeDays", 30),
		set("reloadOnWithdrawal", true),
		set("consentMode", map[string]any{
			"statistics":  []string{"analytics_storage"},
			"third_party": []string{"ad_storage", "ad_user_data", "ad_personalization"},
		}),
	))
	require.NoError(t, err)
	assert.Equal(t, 30*24*time.Hour, c.RefusalLifetime())
	assert.True(t, c.ReloadOnWithdrawal)
	assert.Equal(t, ConsentMode{
		"statistics":  {"analytics_storage"},
		"third_party": {"ad_storage", "ad_user_data", "ad_personalization"},
	}, c.ConsentMode)
	cat, _ := c.Category("third_party")
	assert.True(t, cat.SaleOrAdvertising, "the default configuration marks advertising for Global Privacy Control")
}
