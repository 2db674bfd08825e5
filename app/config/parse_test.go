package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseRefusesBrokenFiles checks that each broken file is refused with a
// message naming the field by its JSON path and saying what is wrong.
func TestParseRefusesBrokenFiles(t *testing.T) {
	valid := DefaultJSON()
	cases := []struct {
		name  string
		input []byte
		want  []string // substrings of the error, each on its own line
	}{
		// Structure.
		{"unknown field", defaultWith(t, set("colour", "red")),
			[]string{"colour: unknown field (allowed: revision, lifetimeDays, refusalLifetimeDays, reloadOnWithdrawal, consentMode, cookieDomain, defaultLanguage, layout, theme, position, stylesheet, categories, texts, proof)"}},
		{"unknown nested field", defaultWith(t, set("categories.0.cookies.1.nme", "x")),
			[]string{"categories[0].cookies[1].nme: unknown field (allowed: name, provider, service, purpose, lifetime)"}},
		{"unknown text", defaultWith(t, set("texts.en.accept", "x")),
			[]string{"texts.en.accept: unknown field"}},
		{"key in the wrong case", defaultWith(t, del("revision"), set("Revision", 2)),
			[]string{`Revision: unknown field, did you mean "revision"?`}},
		{"string for a number", defaultWith(t, set("revision", "1")),
			[]string{`revision: expected a whole number, found the string "1"`}},
		{"fraction for a number", defaultWith(t, set("lifetimeDays", 1.5)),
			[]string{"lifetimeDays: expected a whole number, found 1.5"}},
		{"number too large", []byte(strings.Replace(string(valid), `"revision": 1,`, `"revision": 1000000000000000000000,`, 1)),
			[]string{"revision: 1000000000000000000000 is too large a number"}},
		{"string for a bool", defaultWith(t, set("categories.0.required", "yes")),
			[]string{`categories[0].required: expected true or false, found the string "yes"`}},
		{"number for a text", defaultWith(t, set("texts.en.acceptAll", 3)),
			[]string{"texts.en.acceptAll: expected a string, found the number 3"}},
		{"object for a list", defaultWith(t, set("categories", map[string]any{})),
			[]string{"categories: expected an array, found an object"}},
		{"null texts of a language", defaultWith(t, set("texts.en", nil)),
			[]string{"texts.en: expected an object, found null"}},
		{"null number", defaultWith(t, set("lifetimeDays", nil)),
			[]string{"lifetimeDays: expected a whole number, found null"}},
		{"key given twice", []byte(strings.Replace(string(valid), `"revision": 1,`, `"revision": 1, "revision": 2,`, 1)),
			[]string{"revision: given twice in the same object"}},

		// Values.
		{"revision 0", defaultWith(t, set("revision", 0)), []string{"revision: missing or 0 (a whole number from 1"}},
		{"revision omitted", defaultWith(t, del("revision")), []string{"revision: missing or 0"}},
		{"negative revision", defaultWith(t, set("revision", -2)), []string{"revision: -2 is below 1"}},
		{"revision above int32", defaultWith(t, set("revision", 1<<31)), []string{"revision: 2147483648 is above 2147483647"}},
		{"refusal lifetime 0", defaultWith(t, set("refusalLifetimeDays", -1)),
			[]string{"refusalLifetimeDays: -1 is below 1 day"}},
		{"refusal lifetime 400", defaultWith(t, set("refusalLifetimeDays", 400)),
			[]string{"refusalLifetimeDays: 400 is above 395 days"}},
		{"consent mode for an unknown category", defaultWith(t, set("consentMode", map[string]any{"stats": []string{"analytics_storage"}})),
			[]string{`consentMode.stats: "stats" is not the id of a category`}},
		{"consent mode for a required category", defaultWith(t, set("consentMode", map[string]any{"necessary": []string{"security_storage"}})),
			[]string{`consentMode.necessary: "necessary" is required`}},
		{"consent mode with an unknown signal", defaultWith(t, set("consentMode", map[string]any{"statistics": []string{"analytics"}})),
			[]string{`consentMode.statistics[0]: "analytics" is not a Consent Mode signal (allowed: analytics_storage, ad_storage`}},
		{"consent mode with a signal twice", defaultWith(t, set("consentMode", map[string]any{"third_party": []string{"ad_storage", "ad_storage"}})),
			[]string{`consentMode.third_party[1]: "ad_storage" is listed twice`}},
		{"consent mode not a list", defaultWith(t, set("consentMode", map[string]any{"statistics": "analytics_storage"})),
			[]string{`consentMode.statistics: expected an array, found the string "analytics_storage"`}},
		{"text for blocked content missing", defaultWith(t, del("texts.fr.blockedContent")),
			[]string{"texts.fr.blockedContent: missing"}},
		{"lifetime 0", defaultWith(t, set("lifetimeDays", 0)),
			[]string{"lifetimeDays: 0 is below 1 day (allowed: 1 to 395 days; 182, six months, when omitted)"}},
		{"lifetime 500", defaultWith(t, set("lifetimeDays", 500)),
			[]string{"lifetimeDays: 500 is above 395 days (13 months, the CNIL maximum)"}},
		{"lifetime 396", defaultWith(t, set("lifetimeDays", 396)), []string{"lifetimeDays: 396 is above 395 days"}},
		{"duplicate id", defaultWith(t, set("categories.2.id", "statistics")),
			[]string{`categories[2].id: "statistics" is already the id of categories[1] (ids must be unique)`}},
		{"bad id", defaultWith(t, set("categories.2.id", "Stats")),
			[]string{`categories[2].id: "Stats" is not a valid id (lowercase letters, digits, "_" and "-", starting with a letter`}},
		{"id too long", defaultWith(t, set("categories.1.id", "a"+strings.Repeat("b", 32))),
			[]string{`categories[1].id: "abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" is not a valid id`}},
		{"empty id", defaultWith(t, set("categories.1.id", "")), []string{"categories[1].id: missing"}},
		{"no category", defaultWith(t, set("categories", []any{})), []string{"categories: missing: at least one category is needed"}},
		{"null categories", defaultWith(t, set("categories", nil)), []string{"categories: missing: at least one category is needed"}},
		{"too many categories", defaultWith(t, set("categories", manyCategories(51))),
			[]string{"categories: 51 categories, above 50"}},
		{"label missing in the default language", defaultWith(t, del("categories.1.label.fr")),
			[]string{`categories[1].label.fr: missing (every category needs a label in the default language "fr")`}},
		{"blank description", defaultWith(t, set("categories.3.description.fr", "  ")),
			[]string{"categories[3].description.fr: missing"}},
		{"text missing in the default language", defaultWith(t, del("texts.fr.acceptAll")),
			[]string{`texts.fr.acceptAll: missing (every text is required in the default language "fr", except managedBy)`}},
		{"text missing in another default language", defaultWith(t, set("defaultLanguage", "en"), set("texts.en.acceptAll", "")),
			[]string{"texts.en.acceptAll: missing"}},
		{"default language without texts", defaultWith(t, set("defaultLanguage", "de")),
			[]string{`texts.de: missing (defaultLanguage is "de", so its texts are required; texts has: en, fr)`}},
		{"default language not a code", defaultWith(t, set("defaultLanguage", "French")),
			[]string{`defaultLanguage: "French" is not a language code`}},
		{"no texts", defaultWith(t, set("texts", map[string]any{})), []string{"texts: missing"}},
		{"language key in capitals", defaultWith(t, set("texts.EN", map[string]any{})),
			[]string{`texts.EN: "EN" is not a language code (2 or 3 lowercase letters, then optional subtags, e.g. "fr", "en", "pt-BR")`}},
		{"language key with a space", defaultWith(t, set("categories.0.label.en us", "x")),
			[]string{`categories[0].label["en us"]: "en us" is not a language code`}},
		{"same language twice", defaultWith(t, set("texts.pt-br", map[string]any{}), set("texts.pt-BR", map[string]any{})),
			[]string{"texts.pt-br: the same language as texts.pt-BR"}},
		{"cookie without name", defaultWith(t, set("categories.0.cookies.0.name", "")),
			[]string{`categories[0].cookies[0].name: missing (a cookie name, or a prefix ending with "*"`}},
		{"cookie name with a space", defaultWith(t, set("categories.0.cookies.0.name", "a b")),
			[]string{`categories[0].cookies[0].name: "a b" is not a cookie name`}},
		{"cookie name with a semicolon", defaultWith(t, set("categories.0.cookies.0.name", "a;b")),
			[]string{`categories[0].cookies[0].name: "a;b" is not a cookie name`}},
		{"star inside a cookie name", defaultWith(t, set("categories.0.cookies.0.name", "_g*a")),
			[]string{`categories[0].cookies[0].name: "_g*a" is not a cookie name`}},
		{"star alone", defaultWith(t, set("categories.0.cookies.0.name", "*")),
			[]string{`categories[0].cookies[0].name: "*" alone would match every cookie`}},
		{"cookie without provider", defaultWith(t, set("categories.0.cookies.3.provider", "")),
			[]string{"categories[0].cookies[3].provider: missing (who sets the cookie"}},
		{"cookie without purpose", defaultWith(t, del("categories.0.cookies.2.purpose")),
			[]string{`categories[0].cookies[2].purpose.fr: missing (every cookie needs its purpose in the default language "fr")`}},
		{"cookie without service", defaultWith(t, set("categories.0.cookies.1.service", map[string]any{"en": "x"})),
			[]string{"categories[0].cookies[1].service.fr: missing"}},
		{"bad layout", defaultWith(t, set("layout", "side")),
			[]string{`layout: "side" is not a layout (allowed: "bar", "box" or "modal")`}},
		{"empty layout", defaultWith(t, set("layout", "")), []string{`layout: "" is not a layout`}},
		{"bad theme", defaultWith(t, set("theme", "blue")),
			[]string{`theme: "blue" is not a theme (allowed: "light", "dark", "auto" or "dsfr")`}},
		{"cookie domain with a scheme", defaultWith(t, set("cookieDomain", "https://x.org")),
			[]string{`cookieDomain: "https://x.org" is not a cookie domain (a host name such as "example.org" or ".example.org": no scheme, port, path, spaces or semicolons`}},
		{"cookie domain with a space", defaultWith(t, set("cookieDomain", "a b")),
			[]string{`cookieDomain: "a b" is not a cookie domain`}},
		{"cookie domain with a port", defaultWith(t, set("cookieDomain", "example.org:8080")),
			[]string{`cookieDomain: "example.org:8080" is not a cookie domain`}},
		{"cookie domain that is a top-level domain", defaultWith(t, set("cookieDomain", "org")),
			[]string{`cookieDomain: "org" is not a cookie domain`}},

		// The file as a whole.
		{"trailing garbage", append(append([]byte{}, valid...), "garbage"...),
			[]string{"unexpected data after the configuration object, at line"}},
		{"second object", append(append([]byte{}, valid...), "{}"...),
			[]string{"unexpected data after the configuration object"}},
		{"syntax error", []byte("{\n  \"revision\": 1,\n}"),
			[]string{"invalid JSON at line 3, column 1: invalid character '}' looking for beginning of object key string"}},
		{"truncated", valid[:200], []string{"invalid JSON: the file ends at line"}},
		{"empty", []byte(""), []string{"the configuration is empty"}},
		{"blank", []byte(" \n\t "), []string{"the configuration is empty"}},
		{"huge", bytes.Repeat([]byte(" "), MaxSize+1),
			[]string{"the configuration is 1048577 bytes, above the limit of 1048576 bytes (1 MiB)"}},
		{"null", []byte("null"), []string{"the configuration must be a JSON object, found null"}},
		{"array", []byte("[1, 2]"), []string{"the configuration must be a JSON object, found an array"}},
		{"string", []byte(`"config"`), []string{`the configuration must be a JSON object, found the string "config"`}},
		{"empty object", []byte("{}"), []string{"revision: missing or 0", "categories: missing", "texts: missing"}},
		{"several problems at once", defaultWith(t, set("revision", 0), set("layout", "side"), set("categories.1.id", "Stats")),
			[]string{"revision: missing or 0", `layout: "side" is not a layout`, `categories[1].id: "Stats" is not a valid id`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse(tc.input)
			require.Error(t, err)
			assert.Nil(t, c)
			lines := strings.Split(err.Error(), "\n")
			for _, want := range tc.want {
				found := false
				for _, l := range lines {
					found = found || strings.HasPrefix(l, want)
				}
				assert.True(t, found, "no line starts with\n\t%s\nin\n\t%s", want, strings.Join(lines, "\n\t"))
			}
		})
	}
}

// manyCategories is n valid categories, for the limit on their number.
func manyCategories(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{
			"id":          fmt.Sprintf("c%d", i),
			"label":       map[string]any{"fr": "x"},
			"description": map[string]any{"fr": "x"},
		}
	}
	return out
}

func TestParseProblemsCarryTheirPath(t *testing.T) {
	_, err := Parse(defaultWith(t, set("revision", 0), set("categories.2.id", "Stats")))
	ps := Problems(err)
	require.Len(t, ps, 2)
	assert.Equal(t, "revision", ps[0].Path)
	assert.Equal(t, "categories[2].id", ps[1].Path)
	assert.Contains(t, ps[1].Message, `"Stats" is not a valid id`)
	assert.Equal(t, ps[1].Path+": "+ps[1].Message, ps[1].Error())
}

func TestParseBoundsTheNumberOfProblems(t *testing.T) {
	cats := manyCategories(40)
	for _, c := range cats {
		c.(map[string]any)["id"] = "BAD"
		c.(map[string]any)["label"] = map[string]any{}
	}
	_, err := Parse(defaultWith(t, set("categories", cats)))
	require.Error(t, err)
	ps := Problems(err)
	assert.Len(t, ps, 51, "50 problems, then a line counting the others")
	assert.Equal(t, "... and 30 more problems", ps[50].Message)
}

func TestParseFillsDefaults(t *testing.T) {
	m := defaultMap(t)
	for _, k := range []string{"lifetimeDays", "defaultLanguage", "layout", "theme", "position"} {
		delete(m, k)
	}
	data, err := json.Marshal(m)
	require.NoError(t, err)

	c, err := Parse(data)
	require.NoError(t, err)
	assert.Equal(t, 182, c.LifetimeDays)
	assert.Equal(t, "fr", c.DefaultLanguage)
	assert.Equal(t, "bar", c.Layout)
	assert.Equal(t, "light", c.Theme)
	assert.Equal(t, "bottom", c.Position)
	assert.Empty(t, c.Stylesheet)
	assert.Empty(t, c.CookieDomain)
}

func TestParseKeepsGivenValues(t *testing.T) {
	c, err := Parse(defaultWith(t,
		set("revision", 7), set("lifetimeDays", 395), set("defaultLanguage", "en"),
		set("layout", "modal"), set("theme", "auto"), set("cookieDomain", ".data.example.org"),
		set("position", "top-left"), set("stylesheet", "/css/consent.css"),
		set("categories.1.cookies", []any{map[string]any{
			"name": "_pk_id*", "provider": "Matomo",
			"service": map[string]any{"en": "Statistics"}, "purpose": map[string]any{"en": "Audience"},
		}}),
	))
	require.NoError(t, err)
	assert.Equal(t, 7, c.Revision)
	assert.Equal(t, 395, c.LifetimeDays)
	assert.Equal(t, "en", c.DefaultLanguage)
	assert.Equal(t, "modal", c.Layout)
	assert.Equal(t, "auto", c.Theme)
	assert.Equal(t, "top-left", c.Position)
	assert.Equal(t, "/css/consent.css", c.Stylesheet)
	assert.Equal(t, ".data.example.org", c.CookieDomain)
	assert.Equal(t, "_pk_id*", c.Categories[1].Cookies[0].Name)
	assert.Nil(t, c.Categories[1].Cookies[0].Lifetime, "lifetime is optional")
}

func TestParseAcceptsAMinimalFile(t *testing.T) {
	fr, err := json.Marshal(Default().Texts["fr"])
	require.NoError(t, err)
	data := `{"revision": 1,
	  "categories": [{"id": "necessary", "required": true, "label": {"fr": "Nécessaires"}, "description": {"fr": "Indispensables."}}],
	  "texts": {"fr": ` + string(fr) + `}}`
	c, err := Parse([]byte(data))
	require.NoError(t, err)
	assert.Len(t, c.Categories, 1, "a site may have no optional category")
}

func TestParseAcceptsAByteOrderMark(t *testing.T) {
	c, err := Parse(append([]byte("\ufeff"), DefaultJSON()...))
	require.NoError(t, err)
	assert.Equal(t, Default(), c)
}

func TestParseEmptyCookieListEqualsNone(t *testing.T) {
	c, err := Parse(defaultWith(t, set("categories.1.cookies", []any{})))
	require.NoError(t, err)
	assert.Nil(t, c.Categories[1].Cookies)
}

func TestRoundTripAfterChanges(t *testing.T) {
	c := Default()
	c.Revision = 3
	c.CookieDomain = "example.org"
	c.Categories[1].Cookies = []Cookie{{Name: "_ga*", Provider: "Google", Service: Localized{"fr": "Analytics"}, Purpose: Localized{"fr": "Audience"}, Lifetime: Localized{}}}
	c.Texts["pt-BR"] = Texts{AcceptAll: "Aceitar tudo"}
	data, err := json.Marshal(c)
	require.NoError(t, err)
	back, err := Parse(data)
	require.NoError(t, err)
	c.deriveChoiceLifetime() // the new language gets the consent cookie's lifetime too
	assert.Equal(t, c, back)
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "site.json")
	require.NoError(t, os.WriteFile(good, DefaultJSON(), 0o600))
	c, err := Load(good)
	require.NoError(t, err)
	assert.Equal(t, Default(), c)

	bad := filepath.Join(dir, "broken.json")
	require.NoError(t, os.WriteFile(bad, defaultWith(t, set("revision", 0), set("theme", "blue")), 0o600))
	_, err = Load(bad)
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	require.Len(t, lines, 2)
	assert.Equal(t, bad+": revision: missing or 0 (a whole number from 1; raise it to ask every visitor again)", lines[0])
	assert.True(t, strings.HasPrefix(lines[1], bad+`: theme: "blue" is not a theme`), lines[1])
	assert.Len(t, Problems(err), 2, "the problems stay reachable through the file error")

	_, err = Load(filepath.Join(dir, "missing.json"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing.json")
	assert.ErrorIs(t, err, os.ErrNotExist)

	huge := filepath.Join(dir, "huge.json")
	require.NoError(t, os.WriteFile(huge, bytes.Repeat([]byte(" "), 3*MaxSize), 0o600))
	_, err = Load(huge)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "huge.json: the configuration is 1048577 bytes, above the limit")
}
