package config

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLanguage runs testdata/languages.json, which the loader's JavaScript
// tests (web/test/language.test.cjs) run too: the wasm and the loader pick
// the same language.
func TestLanguage(t *testing.T) {
	data, err := os.ReadFile("testdata/languages.json")
	require.NoError(t, err)
	var v struct {
		Keys    []string `json:"keys"`
		Default string   `json:"default"`
		Cases   []struct {
			Name       string   `json:"name"`
			Candidates []string `json:"candidates"`
			Want       string   `json:"want"`
		} `json:"cases"`
	}
	require.NoError(t, json.Unmarshal(data, &v))
	c := &Config{DefaultLanguage: v.Default, Texts: map[string]Texts{}}
	for _, k := range v.Keys {
		c.Texts[k] = Texts{}
	}
	for _, tc := range v.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			assert.Equal(t, tc.Want, c.Language(tc.Candidates...))
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
