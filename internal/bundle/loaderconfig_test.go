package bundle

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// TestLoaderConfigIsSmall: the loader's part of the default configuration
// keeps what the loader reads and leaves the panel's texts and cookie
// tables to the wasm, so that consent.js stays light on every page view.
func TestLoaderConfigIsSmall(t *testing.T) {
	cfg := config.Default()
	cfg.RefusalLifetimeDays = 30
	cfg.ConsentMode = config.ConsentMode{"statistics": {"analytics_storage"}}
	lc := newLoaderConfig(cfg, "config.0123456789ab.json")
	data, err := json.Marshal(lc)
	require.NoError(t, err)
	full, err := json.Marshal(cfg)
	require.NoError(t, err)
	assert.Less(t, len(data), len(full)/2, "less than half the whole configuration")

	assert.Equal(t, 30, lc.RefusalLifetimeDays)
	assert.Equal(t, cfg.ConsentMode, lc.ConsentMode)
	assert.Equal(t, "config.0123456789ab.json", lc.FullConfig)
	require.Len(t, lc.Categories, len(cfg.Categories))
	necessary := lc.Categories[0]
	assert.True(t, necessary.Required)
	assert.Equal(t, cfg.Categories[0].Label, necessary.Label, "labels name the category in notices")
	assert.Equal(t, []loaderCookie{{"sessionid"}, {"django_language"}, {"csrftoken"}, {"cookies_preferences"}}, necessary.Cookies,
		"cookie names, for withdrawal")
	assert.True(t, lc.Categories[3].SaleOrAdvertising)
	assert.ElementsMatch(t, []string{"fr", "en"}, keys(lc.Texts))
	assert.Equal(t, cfg.Texts["fr"].BlockedContent, lc.Texts["fr"].BlockedContent)
	assert.Equal(t, cfg.TextsFor("fr").CloseToBanner, lc.Texts["fr"].CloseToBanner, "the prerendered panel's close control on a first visit")
	assert.NotEmpty(t, lc.Texts["en"].CloseToBanner)
	assert.NotContains(t, string(data), cfg.Texts["fr"].BannerText, "the panel's and the first layer's texts stay out")
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
