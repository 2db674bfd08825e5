package config

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProofIsOffUnlessEnabled(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"omitted", defaultWith(t), false},
		{"enabled", defaultWith(t, set("proof", map[string]any{"enabled": true})), true},
		{"disabled", defaultWith(t, set("proof", map[string]any{"enabled": false})), false},
		{"empty object", defaultWith(t, set("proof", map[string]any{})), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(tt.data)
			require.NoError(t, err)
			assert.Equal(t, tt.want, c.Proof.Enabled)
		})
	}
}

func TestProofRefusesBadShapes(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"unknown key", map[string]any{"enabled": true, "url": "x"}, "proof.url: unknown field (allowed: enabled)"},
		{"not an object", true, "proof: expected an object, found true"},
		{"enabled not a bool", map[string]any{"enabled": "yes"}, `proof.enabled: expected true or false, found the string "yes"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(defaultWith(t, set("proof", tt.v)))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// The wasm parses the configuration the server marshals: proof must survive
// the round trip, and a disabled one must not appear at all (older loaders
// and readers of /config.json see the same file as before).
func TestProofRoundTrip(t *testing.T) {
	c := Default()
	data, err := json.Marshal(c)
	require.NoError(t, err)
	assert.NotContains(t, string(data), `"proof"`)

	c.Proof.Enabled = true
	data, err = json.Marshal(c)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"proof":{"enabled":true}`)
	back, err := Parse(data)
	require.NoError(t, err)
	assert.True(t, back.Proof.Enabled)
}
