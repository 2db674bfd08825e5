//go:build !js

package audit

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMatchesCookieAsTheLoaderDoes(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"_ga*", "_ga", true},
		{"_ga*", "_ga_ABC123", true},
		{"_ga*", "x_ga", false},
		{"sessionid", "sessionid", true},
		{"sessionid", "sessionid2", false},
		{"sessionid", "Sessionid", false},
		{"*", "anything", true},
	} {
		require.Equal(t, tc.want, MatchesCookie(tc.pattern, tc.name), "%s ~ %s", tc.pattern, tc.name)
	}
}

func TestMatchPrefersTheExactRowThenTheLongestPrefix(t *testing.T) {
	decls := []Declaration{
		{Pattern: "_pk*", Category: "statistics"},
		{Pattern: "_pk_id*", Category: "first_party"},
		{Pattern: "_pk_ses", Category: "necessary", Required: true},
	}
	d, ok := Match(decls, "_pk_id.1.abc")
	require.True(t, ok)
	require.Equal(t, "first_party", d.Category)
	d, _ = Match(decls, "_pk_ses")
	require.Equal(t, "necessary", d.Category)
	d, _ = Match(decls, "_pk_ref")
	require.Equal(t, "statistics", d.Category)
	_, ok = Match(decls, "other")
	require.False(t, ok)
}

func TestHostAllowed(t *testing.T) {
	allowed := []string{"cdn.example.org", "*.tiles.example.net"}
	require.True(t, HostAllowed(allowed, "cdn.example.org"))
	require.True(t, HostAllowed(allowed, "CDN.example.org"))
	require.False(t, HostAllowed(allowed, "www.cdn.example.org"))
	require.True(t, HostAllowed(allowed, "tiles.example.net"))
	require.True(t, HostAllowed(allowed, "a.tiles.example.net"))
	require.False(t, HostAllowed(allowed, "eviltiles.example.net"))
	require.False(t, HostAllowed(nil, "cdn.example.org"))
}
