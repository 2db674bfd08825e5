package proofserver

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/proof"
	"github.com/opendata-portals/cookie-consent/proof/prooftest"
)

// behindProxy runs the proof server behind a reverse proxy that sends its
// own Host (the backend's address, as nginx's proxy_pass does by default)
// and returns the proxy's URL, the public face browsers see. settings gets
// that URL first (for -public-url).
func behindProxy(t *testing.T, cfg *config.Config, settings func(proxyURL string) *Settings) string {
	t.Helper()
	proxy := httptest.NewUnstartedServer(nil) // listening already: its URL is known
	proxyURL := "http://" + proxy.Listener.Addr().String()
	p, err := Start(context.Background(), settings(proxyURL), cfg, io.Discard, nil)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, p.Close()) })
	backend := httptest.NewServer(p.Wrap(assetsStub))
	t.Cleanup(backend.Close)
	target, _ := url.Parse(backend.URL)
	proxy.Config.Handler = &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target) // the Host header becomes the backend's
		r.SetXForwarded()
	}}
	proxy.Start()
	t.Cleanup(proxy.Close)
	require.Equal(t, proxyURL, proxy.URL)
	return proxyURL
}

// postFrom posts a choice as a browser on a page of origin would.
func postFrom(t *testing.T, to, origin string, cfg *config.Config, id string) int {
	t.Helper()
	b, _ := json.Marshal(map[string]any{
		"v": 1, "id": id, "ts": time.Now().Unix(), "rev": cfg.Revision, "textsHash": proof.TextsHashes(cfg)["fr"], "lang": "fr",
		"categories": map[string]bool{"necessary": true, "statistics": false, "first_party": false, "third_party": false},
		"origin":     origin, "path": "/",
	})
	req, err := http.NewRequest("POST", to+"/api/consents", strings.NewReader(string(b)))
	require.NoError(t, err)
	req.Header.Set("Origin", origin)
	req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// Behind a proxy that rewrites Host, a page on the server's public origin
// cannot record unless -public-url names that origin; with it, it records.
func TestRecordingFromThePublicOriginBehindAHostRewritingProxy(t *testing.T) {
	for _, db := range prooftest.Databases(t) {
		t.Run(db.Name, func(t *testing.T) {
			cfg := config.Default()
			cfg.Proof.Enabled = true
			guessed := behindProxy(t, cfg, func(string) *Settings { return &Settings{dsn: db.DSN, retention: 24} })
			assert.Equal(t, http.StatusForbidden, postFrom(t, guessed, guessed, cfg, "behind-proxy-guessed-0"),
				"without -public-url, the Host the proxy sent is not the page's")

			public := behindProxy(t, cfg, func(proxyURL string) *Settings {
				o, err := PublicOrigin(proxyURL + "/")
				require.NoError(t, err)
				return &Settings{dsn: db.DSN, retention: 24, publicOrigin: o}
			})
			assert.Equal(t, http.StatusCreated, postFrom(t, public, public, cfg, "behind-proxy-public-00"), "-public-url names the page's origin")
			assert.Equal(t, http.StatusForbidden, postFrom(t, public, "http://evil.example", cfg, "behind-proxy-evil-0000"))
		})
	}
}
