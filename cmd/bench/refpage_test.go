//go:build !js

package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/app/consent"
)

func TestReferenceHTMLSwapsOnlyTheLoaderTag(t *testing.T) {
	demo, err := os.ReadFile("../../web/demo/index.html")
	require.NoError(t, err)
	got, err := referenceHTML(demo)
	require.NoError(t, err)
	page := string(got)
	assert.NotContains(t, page, "consent.js\"")
	assert.Contains(t, page, `<link rel="stylesheet" href="/cookieconsent.css">`)
	assert.Contains(t, page, `<script src="/cookieconsent.umd.js" defer></script>`)
	assert.Contains(t, page, `<script src="/cc-config.js" defer></script>`)
	assert.Less(t, strings.Index(page, "cookieconsent.umd.js"), strings.Index(page, "cc-config.js"), "the library runs before its configuration")
	assert.Less(t, strings.Index(page, "cc-config.js"), strings.Index(page, "</head>"), "in <head>, where our tag was")
	rest := loaderTag.ReplaceAllString(string(demo), "")
	assert.Equal(t, rest, strings.NewReplacer(
		`<link rel="stylesheet" href="/cookieconsent.css">`, "",
		"\n  "+`<script src="/cookieconsent.umd.js" defer></script>`, "",
		"\n  "+`<script src="/cc-config.js" defer></script>`, "",
	).Replace(page), "nothing else of the page changes")

	_, err = referenceHTML([]byte("<html><head></head></html>"))
	assert.ErrorContains(t, err, "0 consent.js script tags")
}

func TestReferenceConfigMirrorsOurs(t *testing.T) {
	cfg := config.Default()
	got := referenceConfig(cfg, "fr")
	fr := cfg.TextsFor("fr")

	assert.False(t, got.HideFromBots, "the reference must show itself in headless Chromium")
	assert.Equal(t, refCookieName, got.Cookie.Name)
	assert.Equal(t, cfg.LifetimeDays, got.Cookie.ExpiresAfterDays)
	assert.Equal(t, "bar", got.GuiOptions.ConsentModal.Layout)
	require.Len(t, got.Categories, len(cfg.Categories))
	for _, c := range cfg.Categories {
		assert.Equal(t, ccCategory{Enabled: c.Required, ReadOnly: c.Required}, got.Categories[c.ID], c.ID)
	}
	tr := got.Language.Translations["fr"]
	assert.Equal(t, "fr", got.Language.Default)
	assert.Equal(t, fr.RefuseAll, tr.ConsentModal.AcceptNecessaryBtn)
	assert.Equal(t, fr.AcceptAll, tr.ConsentModal.AcceptAllBtn)
	assert.Equal(t, fr.Customize, tr.ConsentModal.ShowPreferencesBtn)
	assert.Equal(t, fr.BannerTitle, tr.ConsentModal.Title)
	assert.Contains(t, tr.ConsentModal.Description, "Vous pouvez refuser")
	assert.NotContains(t, tr.ConsentModal.Description, "'", "texts are HTML-escaped: the reference uses innerHTML")

	require.Len(t, tr.PreferencesModal.Sections, 1+len(cfg.Categories))
	necessary := tr.PreferencesModal.Sections[1]
	assert.Equal(t, "necessary", necessary.LinkedCategory)
	require.NotNil(t, necessary.CookieTable)
	assert.Equal(t, fr.TableName, necessary.CookieTable.Headers["name"])
	var names []string
	for _, row := range necessary.CookieTable.Body {
		names = append(names, row["name"])
	}
	assert.Contains(t, names, consent.CookieName)

	script, err := referenceConfigScript(got)
	require.NoError(t, err)
	assert.Contains(t, string(script), "CookieConsent.run(config);")
	assert.Contains(t, string(script), `config.cookie.secure = location.protocol === "https:";`)
	assert.NotContains(t, string(script), "</script", "json.Marshal escapes <")
}

func TestRefusalOfEachContender(t *testing.T) {
	cfg := config.Default()
	ours := ourContender("http://x/", cfg)
	assert.Equal(t, readyEvent, ours.readyEvent, "ours answers clicks once its ready event has fired")

	choice := func(optional bool) string {
		cats := map[string]bool{}
		for _, c := range cfg.Categories {
			cats[c.ID] = c.Required || optional
		}
		return consent.Encode(consent.New(cfg.Revision, cats, time.Now()))
	}
	assert.True(t, ours.refusal(choice(false)))
	assert.False(t, ours.refusal(choice(true)), "an acceptance is not a refusal")
	assert.False(t, ours.refusal("garbage"))

	ref := refContender("http://x/", cfg)
	stored := func(cats ...string) string {
		j, err := json.Marshal(map[string]any{"categories": cats, "revision": 1})
		require.NoError(t, err)
		return string(j)
	}
	assert.True(t, ref.refusal(stored("necessary")))
	assert.True(t, ref.refusal(strings.ReplaceAll(stored("necessary"), `"`, "%22")), "URL-encoded as the reference writes it")
	assert.False(t, ref.refusal(stored("necessary", "statistics", "first_party", "third_party")))
	assert.False(t, ref.refusal(stored()))
	assert.False(t, ref.refusal("{"))
}

func TestRefServerNegotiatesAndRevalidates(t *testing.T) {
	body := []byte(strings.Repeat("CookieConsent.run({});\n", 100))
	f, err := newRefFile(body, "application/javascript; charset=utf-8", refCacheAsset, false)
	require.NoError(t, err)
	f.br = []byte("pretend brotli")
	srv := httptest.NewServer(&refServer{files: map[string]*refFile{"/a.js": f}})
	defer srv.Close()

	get := func(path string, header ...string) *http.Response {
		req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		require.NoError(t, err)
		req.Header.Set("Accept-Encoding", "identity") // no transparent gzip by the client
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultTransport.RoundTrip(req)
		require.NoError(t, err)
		return res
	}
	read := func(res *http.Response) string {
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return string(b)
	}

	res := get("/a.js", "Accept-Encoding", "gzip, deflate, br, zstd")
	assert.Equal(t, "br", res.Header.Get("Content-Encoding"))
	assert.Equal(t, "pretend brotli", read(res))
	assert.Equal(t, refCacheAsset, res.Header.Get("Cache-Control"))
	etag := res.Header.Get("ETag")

	res = get("/a.js", "Accept-Encoding", "gzip")
	assert.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	assert.Equal(t, string(f.gzip), read(res))
	assert.NotEqual(t, etag, res.Header.Get("ETag"), "each coding has its own validator")

	res = get("/a.js")
	assert.Empty(t, res.Header.Get("Content-Encoding"))
	assert.Equal(t, string(body), read(res))

	res = get("/a.js", "Accept-Encoding", "br", "If-None-Match", etag)
	assert.Equal(t, http.StatusNotModified, res.StatusCode)
	assert.Empty(t, read(res))

	assert.Equal(t, http.StatusNotFound, get("/nope").StatusCode)
}
