package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseReportsEveryProblemInOnePass: a structural problem (an unknown
// field, a wrong type) no longer hides the others; each problem is one line
// naming its field, and none is said twice.
func TestParseReportsEveryProblemInOnePass(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		want  []string // every line, in order
	}{
		{"an unknown field, a bad id and a lifetime too long (the issue's file)",
			defaultWith(t, set("colour", "red"), set("categories.1.id", "Stats"), set("lifetimeDays", 500)),
			[]string{
				"colour: unknown field (allowed: revision, lifetimeDays, refusalLifetimeDays, reloadOnWithdrawal, consentMode, cookieDomain, defaultLanguage, layout, theme, position, stylesheet, categories, texts, proof)",
				"lifetimeDays: 500 is above 395 days (13 months, the CNIL maximum)",
				`categories[1].id: "Stats" is not a valid id (` + idRule + ")",
			}},
		{"a wrong type and revision 0",
			defaultWith(t, set("layout", 3), set("revision", 0)),
			[]string{
				"layout: expected a string, found the number 3",
				"revision: missing or 0 (a whole number from 1; raise it to ask every visitor again)",
			}},
		{"a wrong type is not reported again as missing",
			defaultWith(t, set("revision", "1"), set("theme", "pink")),
			[]string{
				`revision: expected a whole number, found the string "1"`,
				`theme: "pink" is not a theme (allowed: "light", "dark", "auto" or "dsfr")`,
			}},
		{"a key in the wrong case is not reported again as missing",
			defaultWith(t, del("revision"), set("Revision", 2), set("position", "middle")),
			[]string{
				`Revision: unknown field, did you mean "revision"? (keys are case-sensitive)`,
				`position: "middle" is not a position (allowed: "bottom", "top", "bottom-left", "bottom-right", "top-left" or "top-right"; "bottom" when omitted)`,
			}},
		{"an ill-typed category keeps the later categories' paths",
			defaultWith(t, set("categories.0", "necessary"), set("categories.2.id", "First Party")),
			[]string{
				`categories[0]: expected an object, found the string "necessary"`,
				`categories[2].id: "First Party" is not a valid id (` + idRule + ")",
			}},
		{"nested unknown field beside a bad cookie name",
			defaultWith(t, set("categories.0.cookies.1.nme", "x"), set("categories.0.cookies.0.name", "a b")),
			[]string{
				"categories[0].cookies[0].name: " + `"a b" is not a cookie name (` + nameRule + ")",
				"categories[0].cookies[1].nme: unknown field (allowed: name, provider, service, purpose, lifetime)",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(tt.input)
			require.Error(t, err)
			assert.Nil(t, c)
			lines := strings.Split(err.Error(), "\n")
			assert.ElementsMatch(t, tt.want, lines)
			for _, p := range Problems(err) {
				assert.NotEmpty(t, p.Path, "every line names its field: %s", p)
			}
		})
	}
}

// TestParseStopsAtASyntaxError: after bad JSON nothing more can be read,
// so the one line says where.
func TestParseStopsAtASyntaxError(t *testing.T) {
	_, err := Parse([]byte("{\n  \"revision\": 0,\n  \"colour\": 1,\n}"))
	require.Error(t, err)
	assert.Len(t, Problems(err), 2, "the unknown field before the error, then the error")
	assert.Contains(t, err.Error(), "invalid JSON at line 4, column 1")
}
