package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSyntaxRules(t *testing.T) {
	cases := []struct {
		check func(string) bool
		name  string
		good  []string
		bad   []string
	}{
		{isID, "id",
			[]string{"necessary", "first_party", "a", "x-1", "a" + strings.Repeat("b", 31)},
			[]string{"", "Stats", "1abc", "_a", "-a", "a b", "é", "a.b", "a" + strings.Repeat("b", 32)}},
		{isLanguage, "language",
			[]string{"fr", "en", "pt-BR", "zh-Hant", "gsw", "es-419", "en-GB-oxendict"},
			[]string{"", "f", "FR", "fren", "en_GB", "en-", "en-G", "-en", "en--GB", "en-GB-abcdefghi", "en us", "é"}},
		{isCookieName, "cookie name",
			[]string{"sessionid", "_ga*", "_pk_id.1.*", "__Secure-x", "a", strings.Repeat("a", 256)},
			[]string{"", "a b", "a;b", "a=b", "a,b", `a"b`, `a\b`, "a\tb", "a*b", "**", "é", strings.Repeat("a", 257)}},
		{isCookieDomain, "cookie domain",
			[]string{"example.org", ".example.org", "data.tours-metropole.fr", "EXAMPLE.ORG", "a.b.c.d", "x1.org"},
			[]string{"", ".", "org", "localhost", "https://x.org", "x.org/", "x.org:8080", "a b.org", "x.org;", "x..org", "x.org.", "-x.org", "x-.org", "1.2.3.4", "é.fr", "a_b.org", strings.Repeat("a", 64) + ".org"}},
	}
	for _, tc := range cases {
		for _, s := range tc.good {
			assert.True(t, tc.check(s), "%s %q should be accepted", tc.name, s)
		}
		for _, s := range tc.bad {
			assert.False(t, tc.check(s), "%s %q should be refused", tc.name, s)
		}
	}
}

func TestPathsOfMapKeys(t *testing.T) {
	assert.Equal(t, "texts.en", key("texts", "en"))
	assert.Equal(t, "texts.pt-BR", key("texts", "pt-BR"))
	assert.Equal(t, `texts["en us"]`, key("texts", "en us"))
	assert.Equal(t, `texts[""]`, key("texts", ""))
	assert.Equal(t, "revision", key("", "revision"))
	assert.Equal(t, "categories[2].id", field(index("categories", 2), "id"))
}
