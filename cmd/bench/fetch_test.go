//go:build !js

package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// TestFetchOurs checks that bench reads the server's configuration and
// loader, and refuses a loader without the ready event: it could not tell
// when the first layer answers clicks.
func TestFetchOurs(t *testing.T) {
	for _, tt := range []struct {
		name    string
		config  string
		loader  string
		wantErr string
	}{
		{name: "ready event", config: string(config.DefaultJSON()), loader: `emit("` + readyEvent + `")`},
		{name: "no ready event", config: string(config.DefaultJSON()), loader: `emit("other")`, wantErr: "dispatches no " + readyEvent},
		{name: "bad configuration", config: `{"nope": 1}`, loader: `emit("` + readyEvent + `")`, wantErr: "/config.json"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/config.json":
					w.Write([]byte(tt.config))
				case "/consent.js":
					w.Write([]byte(tt.loader))
				default:
					http.NotFound(w, r)
				}
			}))
			defer srv.Close()
			cfg, loader, err := fetchOurs(srv.URL)
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.NotEmpty(t, cfg.Categories)
			assert.Equal(t, tt.loader, string(loader))
		})
	}
}
