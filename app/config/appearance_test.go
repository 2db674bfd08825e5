package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPositionEdges(t *testing.T) {
	tests := []struct {
		position             string
		valid                bool
		vertical, horizontal string
	}{
		{"bottom", true, "bottom", "right"},
		{"top", true, "top", "right"},
		{"bottom-left", true, "bottom", "left"},
		{"bottom-right", true, "bottom", "right"},
		{"top-left", true, "top", "left"},
		{"top-right", true, "top", "right"},
		// Anything else is the default's edges.
		{"", false, "bottom", "right"},
		{"left", false, "bottom", "right"},
		{"top-center", false, "bottom", "right"},
		{"Top", false, "bottom", "right"},
		{"bottom-", false, "bottom", "right"},
		{"bottom right", false, "bottom", "right"},
	}
	for _, tt := range tests {
		t.Run(tt.position, func(t *testing.T) {
			assert.Equal(t, tt.valid, IsPosition(tt.position))
			v, h := Edges(tt.position)
			assert.Equal(t, tt.vertical, v)
			assert.Equal(t, tt.horizontal, h)
		})
	}
}

func TestStylesheetURL(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://portal.example.org/css/consent.css", true},
		{"https://portal.example.org:8443/consent.css?v=3#x", true},
		{"/css/consent.css", true},
		{"/consent.css?v=2", true},
		{"", false},
		{"http://portal.example.org/consent.css", false},
		{"//portal.example.org/consent.css", false},
		{"css/consent.css", false},
		{"../consent.css", false},
		{"javascript:alert(1)", false},
		{"data:text/css,*{}", false},
		{"https://", false},
		{"https:///consent.css", false},
		{"https://user:pw@portal.example.org/consent.css", false},
		{"https://portal.example.org/a b.css", false},
		{`/x.css"><script>`, false},
		{"/x.css\n", false},
		{"/" + strings.Repeat("a", 2048), false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			assert.Equal(t, tt.ok, IsStylesheetURL(tt.url))
		})
	}
}

func TestParseChecksAppearance(t *testing.T) {
	tests := []struct {
		name string
		edit edit
		want string // "" when valid
	}{
		{"corner", set("position", "top-left"), ""},
		{"dsfr theme", set("theme", "dsfr"), ""},
		{"root-relative stylesheet", set("stylesheet", "/css/consent.css"), ""},
		{"bad position", set("position", "middle"),
			`position: "middle" is not a position (allowed: "bottom", "top", "bottom-left", "bottom-right", "top-left" or "top-right"; "bottom" when omitted)`},
		{"empty position", set("position", ""), `position: "" is not a position`},
		{"http stylesheet", set("stylesheet", "http://cdn.example.org/x.css"),
			`stylesheet: "http://cdn.example.org/x.css" is not a stylesheet URL (an https URL such as`},
		{"relative stylesheet", set("stylesheet", "x.css"), `stylesheet: "x.css" is not a stylesheet URL`},
		{"stylesheet of another type", set("stylesheet", 3), `stylesheet: expected a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(defaultWith(t, tt.edit))
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
