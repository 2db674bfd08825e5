//go:build !js

package audit

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

func TestSuggestGivesARowThatPassesTheConfigurationCheck(t *testing.T) {
	for _, tc := range []struct {
		name         string
		cookie       *Cookie
		wantCategory string
		wantName     string
		wantLifeFR   string
	}{
		{"_ga_XYZ", &Cookie{Domain: ".example.org", Expires: days(395)}, "statistics", "_ga*", "1 an"},
		{"_fbp", &Cookie{Domain: ".example.org", Expires: days(90)}, "third_party", "_fbp", "3 mois"},
		{"uid", &Cookie{Domain: "ads.example.com", ThirdParty: true}, "third_party", "uid", "Session"},
		{"prefs", &Cookie{Domain: "data.example.org", Expires: days(10)}, "first_party", "prefs", "10 jours"},
		{"heatmap", nil, "first_party", "heatmap", "Jusqu'à suppression"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config.Default()
			s := Suggest(cfg, tc.name, tc.cookie, at)
			require.Equal(t, tc.wantCategory, s.Category)
			require.Equal(t, tc.wantName, s.Entry.Name)
			require.Equal(t, tc.wantLifeFR, s.Entry.Lifetime["fr"])
			for i := range cfg.Categories {
				if cfg.Categories[i].ID == s.Category {
					cfg.Categories[i].Cookies = append(cfg.Categories[i].Cookies, s.Entry)
				}
			}
			require.NoError(t, cfg.Validate(), "the row can be pasted as is")
		})
	}
}

func TestSuggestInAConfigurationWithOtherCategoryIDs(t *testing.T) {
	cfg := config.Default()
	cfg.Categories = cfg.Categories[:1] // necessary only
	require.Empty(t, Suggest(cfg, "_ga", &Cookie{}, at).Category, "no optional category to propose")

	cfg = config.Default()
	cfg.Categories[3].ID, cfg.Categories[3].SaleOrAdvertising = "ads", true
	require.Equal(t, "ads", Suggest(cfg, "_fbp", &Cookie{}, at).Category)
}

func TestLifetimeWords(t *testing.T) {
	fr, en := lifetimeWords(13 * 30 * 24 * time.Hour)
	require.Equal(t, "1 an", fr)
	require.Equal(t, "1 year", en)
	fr, _ = lifetimeWords(182 * 24 * time.Hour)
	require.Equal(t, "6 mois", fr)
	fr, _ = lifetimeWords(time.Hour)
	require.Equal(t, "Moins d'un jour", fr)
}
