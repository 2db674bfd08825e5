//go:build !js

package audit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFollowableKeepsSameOriginPages(t *testing.T) {
	origins := map[string]bool{"https://data.example.org": true}
	for _, tc := range []struct {
		link, want string
		ok         bool
	}{
		{"https://data.example.org/explore/", "https://data.example.org/explore/", true},
		{"https://data.example.org/explore/#top", "https://data.example.org/explore/", true},
		{"https://data.example.org", "https://data.example.org/", true},
		{"https://data.example.org/export/data.csv", "", false},
		{"https://data.example.org/doc/Guide.PDF", "", false},
		{"http://data.example.org/", "", false},
		{"https://www.example.org/", "", false},
		{"mailto:dpo@example.org", "", false},
		{"javascript:void(0)", "", false},
	} {
		got, ok := followable(tc.link, origins)
		require.Equal(t, tc.ok, ok, tc.link)
		require.Equal(t, tc.want, got, tc.link)
	}
}

func TestStartPagesChecksTheURLs(t *testing.T) {
	_, err := startPages(context.Background(), Options{URLs: []string{"data.example.org"}})
	require.ErrorContains(t, err, "not an http or https URL")
	_, err = startPages(context.Background(), Options{})
	require.ErrorIs(t, err, ErrNoPages)
	got, err := startPages(context.Background(), Options{URLs: []string{"https://a.example/", "https://a.example/#x", "https://a.example"}})
	require.NoError(t, err)
	require.Equal(t, []string{"https://a.example/"}, got, "the same page once")
}

const urlset = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://data.example.org/ </loc><lastmod>2026-01-01</lastmod></url>
  <url><loc>https://data.example.org/explore/</loc></url>
</urlset>`

func TestReadSitemapFromAFileAndAnIndexURL(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sitemap.xml")
	require.NoError(t, os.WriteFile(file, []byte(urlset), 0o644))
	urls, err := ReadSitemap(context.Background(), file)
	require.NoError(t, err)
	require.Equal(t, []string{"https://data.example.org/", "https://data.example.org/explore/"}, urls)

	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/index.xml":
			_, _ = w.Write([]byte(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>` + srv.URL + `/pages.xml</loc></sitemap></sitemapindex>`))
		case "/pages.xml":
			_, _ = w.Write([]byte(urlset))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	urls, err = ReadSitemap(context.Background(), srv.URL+"/index.xml")
	require.NoError(t, err)
	require.Len(t, urls, 2)

	_, err = ReadSitemap(context.Background(), srv.URL+"/missing.xml")
	require.ErrorContains(t, err, "HTTP 404")
	bad := filepath.Join(t.TempDir(), "bad.xml")
	require.NoError(t, os.WriteFile(bad, []byte(`<html></html>`), 0o644))
	_, err = ReadSitemap(context.Background(), bad)
	require.ErrorContains(t, err, "neither <urlset> nor <sitemapindex>")
}
