package bundle

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/bundle/bundletest"
	"github.com/opendata-portals/cookie-consent/internal/respond"
)

// request sends one request through the handler, in memory.
func request(t testing.TB, h http.Handler, method, target string, header map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t testing.TB, resp *http.Response) []byte {
	t.Helper()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return data
}

func TestRoutesHeaders(t *testing.T) {
	h := Handler(newTestAssets(t))
	wasmPath := "/" + bundletest.WasmName()
	tests := []struct {
		path, contentType, cacheControl string
		cors                            bool
	}{
		{"/", "text/html; charset=utf-8", "no-cache", false},
		{"/demo/favicon.svg", "image/svg+xml", "no-cache", false},
		{"/consent.js", "application/javascript; charset=utf-8", "public, max-age=300", true},
		{wasmPath, "application/wasm", "public, max-age=31536000, immutable", true},
		{"/" + bundletest.StartName(), "application/javascript; charset=utf-8", "public, max-age=31536000, immutable", true},
		{"/theme.css", "text/css; charset=utf-8", "public, max-age=300", true},
		{"/config.json", "application/json", "public, max-age=300", true},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp := request(t, h, http.MethodGet, tt.path, nil)
			b := body(t, resp)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, tt.contentType, resp.Header.Get("Content-Type"))
			assert.Equal(t, tt.cacheControl, resp.Header.Get("Cache-Control"))
			assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
			assert.Equal(t, strconv.Itoa(len(b)), resp.Header.Get("Content-Length"))
			assert.Regexp(t, `^"[0-9a-f]+"$`, resp.Header.Get("ETag"), "a strong ETag")
			if tt.cors {
				assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"))
				assert.Equal(t, "cross-origin", resp.Header.Get("Cross-Origin-Resource-Policy"))
			} else {
				assert.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
			}
		})
	}
}

func TestLoaderNamesTheServedWasm(t *testing.T) {
	h := Handler(newTestAssets(t))
	loader := string(body(t, request(t, h, http.MethodGet, "/consent.js", nil)))

	// The wasm URL is read from the loader itself, then fetched.
	m := regexp.MustCompile(`"(consent\.([0-9a-f]{12})\.wasm)"`).FindStringSubmatch(loader)
	require.NotNil(t, m, "the loader names a hashed wasm")
	assert.Equal(t, bundletest.WasmName(), m[1])
	resp := request(t, h, http.MethodGet, "/"+m[1], nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.True(t, bytes.Equal(bundletest.Wasm, body(t, resp)))

	full := regexp.MustCompile(`"fullConfig":"(config\.[0-9a-f]{12}\.json)"`).FindStringSubmatch(loader)
	require.NotNil(t, full, "the loader names the whole configuration")
	resp = request(t, h, http.MethodGet, "/"+full[1], nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, respond.CacheImmutable, resp.Header.Get("Cache-Control"), "content-addressed: cached forever")
	assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"), "the loader reads it from the page's origin")
	got, err := config.Decode(body(t, resp))
	require.NoError(t, err, "the wasm decodes it")
	assert.Equal(t, config.Default(), got)
	assert.NotContains(t, loader, "__CONSENT_")
}

func TestConfigJSONIsTheEffectiveConfig(t *testing.T) {
	h := Handler(newTestAssets(t))
	var got, want any
	require.NoError(t, json.Unmarshal(body(t, request(t, h, http.MethodGet, "/config.json", nil)), &got))
	data, err := json.Marshal(config.Default())
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &want))
	assert.Equal(t, want, got)
}

func TestWasmEncodingNegotiation(t *testing.T) {
	h := Handler(newTestAssets(t))
	gz := gzipBytes(bundletest.Wasm)
	tests := []struct {
		acceptEncoding string // "-" = no header at all
		wantEncoding   string
		wantBody       []byte
	}{
		{"-", "", bundletest.Wasm},
		{"", "", bundletest.Wasm},
		{"gzip, deflate, br, zstd", "br", bundletest.Br},
		{"br", "br", bundletest.Br},
		{"BR", "br", bundletest.Br},
		{"gzip", "gzip", gz},
		{"x-gzip", "gzip", gz},
		{"br;q=0, gzip", "gzip", gz},
		{"gzip, br;q=0", "gzip", gz},
		{"br;q=0.000, gzip;q=0", "", bundletest.Wasm},
		{"gzip;q=1, br;q=0.5", "gzip", gz},
		{"br;q=0.8, gzip;q=0.8", "br", bundletest.Br},
		{"identity", "", bundletest.Wasm},
		{"deflate", "", bundletest.Wasm},
		{"*", "br", bundletest.Br},
		{"*;q=0, identity", "", bundletest.Wasm},
		{"*;q=0.5, br;q=0", "gzip", gz},
		{"br;q=abc, gzip", "gzip", gz},
		{"identity;q=0", "", bundletest.Wasm}, // nothing acceptable: identity anyway
	}
	for _, tt := range tests {
		t.Run(tt.acceptEncoding, func(t *testing.T) {
			hdr := map[string]string{}
			if tt.acceptEncoding != "-" {
				hdr["Accept-Encoding"] = tt.acceptEncoding
			}
			resp := request(t, h, http.MethodGet, "/"+bundletest.WasmName(), hdr)
			b := body(t, resp)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, tt.wantEncoding, resp.Header.Get("Content-Encoding"))
			assert.True(t, bytes.Equal(tt.wantBody, b), "body: got %d bytes, want %d", len(b), len(tt.wantBody))
			assert.Equal(t, strconv.Itoa(len(tt.wantBody)), resp.Header.Get("Content-Length"))
			assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))
			assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
		})
	}
}

func TestLoaderIsCompressed(t *testing.T) {
	a := newTestAssets(t)
	h := Handler(a)
	plain := body(t, request(t, h, http.MethodGet, "/consent.js", nil))

	resp := request(t, h, http.MethodGet, "/consent.js", map[string]string{"Accept-Encoding": "gzip, br"})
	assert.Equal(t, "br", resp.Header.Get("Content-Encoding"), "brotli, the smallest, when the browser takes it")
	assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))
	unbr, err := io.ReadAll(brotli.NewReader(bytes.NewReader(body(t, resp))))
	require.NoError(t, err)
	assert.Equal(t, plain, unbr)

	resp = request(t, h, http.MethodGet, "/consent.js", map[string]string{"Accept-Encoding": "gzip"})
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, plain, gunzip(t, body(t, resp)))
	assert.NotEqual(t, resp.Header.Get("ETag"), request(t, h, http.MethodGet, "/consent.js", nil).Header.Get("ETag"),
		"each encoding has its own strong ETag")
}

func TestConditionalRequests(t *testing.T) {
	h := Handler(newTestAssets(t))
	for _, path := range []string{"/", "/consent.js", "/" + bundletest.WasmName(), "/theme.css", "/config.json"} {
		for _, ae := range []string{"", "gzip", "br"} {
			first := request(t, h, http.MethodGet, path, map[string]string{"Accept-Encoding": ae})
			etag := first.Header.Get("ETag")
			require.NotEmpty(t, etag, path)
			tests := []struct {
				name, ifNoneMatch string
				want              int
			}{
				{"same", etag, http.StatusNotModified},
				{"weak", "W/" + etag, http.StatusNotModified},
				{"list", `"nope", ` + etag + `, "other"`, http.StatusNotModified},
				{"list no spaces", `W/"nope",` + etag, http.StatusNotModified},
				{"star", "*", http.StatusNotModified},
				{"other", `"0123"`, http.StatusOK},
				{"unquoted", strings.Trim(etag, `"`), http.StatusOK},
				{"malformed", `"unterminated`, http.StatusOK},
			}
			for _, tt := range tests {
				t.Run(path+" "+ae+" "+tt.name, func(t *testing.T) {
					resp := request(t, h, http.MethodGet, path, map[string]string{"Accept-Encoding": ae, "If-None-Match": tt.ifNoneMatch})
					b := body(t, resp)
					assert.Equal(t, tt.want, resp.StatusCode)
					assert.Equal(t, etag, resp.Header.Get("ETag"))
					assert.NotEmpty(t, resp.Header.Get("Cache-Control"))
					if tt.want == http.StatusNotModified {
						assert.Empty(t, b)
						assert.Empty(t, resp.Header.Get("Content-Encoding"))
					}
				})
			}
		}
	}
}

func TestHead(t *testing.T) {
	h := Handler(newTestAssets(t))
	for _, path := range []string{"/", "/consent.js", "/" + bundletest.WasmName(), "/theme.css", "/config.json", "/healthz"} {
		t.Run(path, func(t *testing.T) {
			get := request(t, h, http.MethodGet, path, map[string]string{"Accept-Encoding": "br"})
			getBody := body(t, get)
			head := request(t, h, http.MethodHead, path, map[string]string{"Accept-Encoding": "br"})
			assert.Equal(t, http.StatusOK, head.StatusCode)
			assert.Empty(t, body(t, head))
			assert.Equal(t, strconv.Itoa(len(getBody)), head.Header.Get("Content-Length"))
			for _, k := range []string{"Content-Type", "Content-Encoding", "ETag", "Cache-Control"} {
				assert.Equal(t, get.Header.Get(k), head.Header.Get(k), k)
			}
		})
	}
}

func TestCORSPreflight(t *testing.T) {
	h := Handler(newTestAssets(t))
	preflight := map[string]string{
		"Origin":                         "https://data.tours-metropole.fr",
		"Access-Control-Request-Method":  "GET",
		"Access-Control-Request-Headers": "if-none-match",
	}
	for _, path := range []string{"/consent.js", "/" + bundletest.WasmName(), "/theme.css", "/config.json"} {
		t.Run(path, func(t *testing.T) {
			resp := request(t, h, http.MethodOptions, path, preflight)
			assert.Equal(t, http.StatusNoContent, resp.StatusCode)
			assert.Empty(t, body(t, resp))
			assert.Equal(t, "*", resp.Header.Get("Access-Control-Allow-Origin"))
			assert.Contains(t, resp.Header.Get("Access-Control-Allow-Methods"), "GET")
			assert.Contains(t, resp.Header.Get("Access-Control-Allow-Methods"), "HEAD")
			assert.Contains(t, strings.ToLower(resp.Header.Get("Access-Control-Allow-Headers")), "if-none-match")
			assert.NotEmpty(t, resp.Header.Get("Access-Control-Max-Age"))
			assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
		})
	}
	t.Run("not on the demo page", func(t *testing.T) {
		resp := request(t, h, http.MethodOptions, "/", preflight)
		assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
		assert.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"))
	})
}

func TestMethodNotAllowed(t *testing.T) {
	h := Handler(newTestAssets(t))
	for _, path := range []string{"/", "/consent.js", "/" + bundletest.WasmName(), "/theme.css", "/config.json", "/healthz", "/demo/favicon.svg"} {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, "TRACE"} {
			t.Run(method+" "+path, func(t *testing.T) {
				resp := request(t, h, method, path, nil)
				assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
				assert.Contains(t, resp.Header.Get("Allow"), "GET")
				assert.Contains(t, resp.Header.Get("Allow"), "HEAD")
				assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
				assert.NotContains(t, string(body(t, resp)), "<html")
			})
		}
	}
}

func TestHealthz(t *testing.T) {
	h := Handler(newTestAssets(t))
	resp := request(t, h, http.MethodGet, "/healthz", nil)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "ok", string(body(t, resp)))
	assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
	assert.Equal(t, "text/plain; charset=utf-8", resp.Header.Get("Content-Type"))
	assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
}

func TestNotFound(t *testing.T) {
	h := Handler(newTestAssets(t))
	tests := []struct {
		target string
		want   int
	}{
		{"/unknown", 404},
		{"/index.html", 404},
		{"/consent.wasm", 404},
		{"/consent.000000000000.wasm", 404},
		{"/consent." + strings.ToUpper(bundletest.WasmName()[8:20]) + ".wasm", 404},
		{"/anything.wasm", 404},
		{"/consent.js/", 404},
		{"/demo/", 404},
		{"/demo/index.html", 404},
		{"/demo", 404},
		{"/web/demo/index.html", 404},
		{"/web/demo/../../go.mod", 404},
		{"/../go.mod", 404},
		{"/%2e%2e/go.mod", 404},
		{"/%2E%2E/%2E%2E/etc/passwd", 404},
		{"/demo/..%2f..%2fgo.mod", 404},
		{"/demo/%2e%2e/%2e%2e/server.go", 404},
		{"/dist/cookie-consent", 404},
		{"/dist/consent.wasm", 404},
		{"/server.go", 404},
		{"/go.mod", 404},
		{"//etc/passwd", 404},
		{"/etc/passwd", 404},
		{"/C:/Windows/win.ini", 404},
		{"/..\\go.mod", 404},
		{"/consent.js%00", 400},
		{"/%00", 400},
		{"/demo/favicon.svg%0a", 400},
		{"/" + strings.Repeat("a", 5000), 400},
	}
	for _, tt := range tests {
		name := tt.target
		if len(name) > 60 {
			name = name[:60] + "..."
		}
		t.Run(name, func(t *testing.T) {
			resp := request(t, h, http.MethodGet, tt.target, nil)
			b := string(body(t, resp))
			assert.Equal(t, tt.want, resp.StatusCode)
			assert.Equal(t, "text/plain; charset=utf-8", resp.Header.Get("Content-Type"))
			assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
			assert.Less(t, len(b), 64, "a short error message, never a file")
		})
	}
}

// TestTraversalOverTheWire sends raw request lines, which no HTTP client
// would send as is (they clean dot segments), to a real server: nothing
// outside what the server ships comes back.
func TestTraversalOverTheWire(t *testing.T) {
	srv := httptest.NewServer(Handler(newTestAssets(t)))
	defer srv.Close()
	targets := []string{
		"/../go.mod",
		"/../../../../etc/passwd",
		"/web/demo/../../go.mod",
		"/demo/../../server.go",
		"/%2e%2e/%2e%2e/go.mod",
		"/./go.mod",
		"/dist/cookie-consent",
		"/dist/../go.mod",
		"/demo/%2e%2e%2fserver.go",
		"/consent.js%00.html",
		"/" + strings.Repeat("x/", 1500),
		"/" + strings.Repeat("a", 80<<10), // beyond MaxHeaderBytes: refused by net/http
	}
	for _, target := range targets {
		name := target
		if len(name) > 60 {
			name = name[:60] + "..."
		}
		t.Run(name, func(t *testing.T) {
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			require.NoError(t, err)
			defer conn.Close()
			require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
			_, err = io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
			require.NoError(t, err)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err)
			b := string(body(t, resp))
			assert.Contains(t, []int{400, 404, 431}, resp.StatusCode)
			assert.NotContains(t, b, "module github.com")
			assert.NotContains(t, b, "package main")
			assert.NotContains(t, b, "root:")
		})
	}
}

func TestDemoPage(t *testing.T) {
	h := Handler(newTestAssets(t))
	resp := request(t, h, http.MethodGet, "/", nil)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	page := string(body(t, resp))

	assert.Contains(t, page, `<html lang="fr">`)
	assert.Contains(t, page, "Tours Métropole Val de Loire — Données ouvertes")
	assert.Equal(t, 1, strings.Count(page, "<script src=\"/consent.js\" defer></script>"), "exactly one loader tag")
	assert.Equal(t, 1, strings.Count(page, "consent.js"))
	assert.Contains(t, page, `<a href="#" data-cc="preferences">Gestion des cookies</a>`)
	assert.Contains(t, page, `<script type="text/plain" data-category="statistics">console.log("statistics enabled")</script>`)
	assert.Contains(t, page, "Mentions légales")
	assert.Contains(t, page, "Accessibilité")
	assert.Equal(t, 6, strings.Count(page, `<article class="dataset">`), "six datasets")
	for _, nav := range []string{">Accueil<", ">Jeux de données<", ">API<", ">À propos<"} {
		assert.Contains(t, page, nav)
	}
	assert.Regexp(t, `<form[^>]*role="search"`, page)

	// Nothing outside loopback: every src, href and action is same-origin.
	for _, m := range regexp.MustCompile(`(?i)\b(?:src|href|action)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1) {
		assert.Regexp(t, `^(/[^/]|#|/$)`, m[1], "external or protocol-relative reference %q", m[1])
	}
	assert.NotRegexp(t, `(?i)url\(\s*['"]?(https?:)?//`, page, "no external CSS resource")
	assert.NotContains(t, page, "@import")

	// The page's own CSP lets the banner run and the gated tracker activate.
	csp := resp.Header.Get("Content-Security-Policy")
	assert.Contains(t, csp, "script-src 'self' 'wasm-unsafe-eval'")
	assert.Contains(t, csp, respond.CSPHash([]byte(`console.log("statistics enabled")`)))
	assert.Contains(t, csp, "connect-src 'self'")
	assert.Contains(t, csp, "style-src 'self' 'unsafe-inline'")
}
