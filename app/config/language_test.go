package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLanguage(t *testing.T) {
	c := Default()
	c.Texts["pt-BR"] = Texts{AcceptAll: "Aceitar tudo"}
	cases := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"no candidate", nil, "fr"},
		{"data-lang wins over the rest", []string{"en", "fr", "fr", "fr-FR"}, "en"},
		{"html lang when data-lang is empty", []string{"", "en", "fr"}, "en"},
		{"region falls back to the language", []string{"en-GB"}, "en"},
		{"upper case", []string{"EN"}, "en"},
		{"upper case with region", []string{"FR-ca"}, "fr"},
		{"django's underscore", []string{"en_US"}, "en"},
		{"exact region before the primary subtag", []string{"pt-br"}, "pt-BR"},
		{"same language, other region", []string{"pt-PT"}, "pt-BR"},
		{"bare language to a regional key", []string{"pt"}, "pt-BR"},
		{"bare key before a regional one", []string{"en-AU"}, "en"},
		{"unknown goes to the next candidate", []string{"de", "it-IT", "en"}, "en"},
		{"a later candidate is not preferred", []string{"fr-BE", "en"}, "fr"},
		{"all unknown gives the default", []string{"de", "es-ES", "ja"}, "fr"},
		{"empty and garbage are skipped", []string{"", "  ", "*", "e", "en;q=0.9", "12", "x-y-z-%", "en"}, "en"},
		{"spaces around", []string{"  en-GB  "}, "en"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, c.Language(tc.candidates...))
		})
	}
}

func TestLanguageFollowsTheConfiguredDefault(t *testing.T) {
	c := Default()
	c.DefaultLanguage = "en"
	assert.Equal(t, "en", c.Language("de"))
	assert.Equal(t, "fr", c.Language("fr-FR"))

	empty := &Config{DefaultLanguage: "fr"}
	assert.Equal(t, "fr", empty.Language("en"), "a config without texts never panics")
}
