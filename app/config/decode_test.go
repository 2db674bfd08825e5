package config

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeReadsWhatParseAccepted(t *testing.T) {
	parsed, err := Parse(DefaultJSON())
	require.NoError(t, err)
	decoded, err := Decode(DefaultJSON())
	require.NoError(t, err)
	assert.Equal(t, parsed, decoded)

	// What the server inlines in consent.js: the parsed file, marshalled.
	served, err := json.Marshal(parsed)
	require.NoError(t, err)
	again, err := Decode(served)
	require.NoError(t, err)
	assert.Equal(t, parsed, again)
}

func TestDecodeStillRefuses(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		want  string
	}{
		{"unknown field", defaultWith(t, set("colour", "red")), `unknown field "colour"`},
		{"wrong type", defaultWith(t, set("revision", "1")), "revision: expected int"},
		{"invalid value", defaultWith(t, set("lifetimeDays", 500)), "lifetimeDays: 500 is above 395 days"},
		{"trailing data", append(DefaultJSON(), []byte(` {}`)...), "unexpected data after the configuration object"},
		{"empty", nil, "EOF"},
		{"too large", make([]byte, MaxSize+1), "above the limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(tt.input)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
