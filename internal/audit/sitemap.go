//go:build !js

package audit

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

// maxSitemapBytes bounds a sitemap: the protocol's own limit is 50 MB
// uncompressed, far more than an audit of a few hundred pages needs.
const maxSitemapBytes = 50 << 20

// sitemapXML is a sitemap (urlset) or a sitemap index; only the locations
// matter.
type sitemapXML struct {
	XMLName  xml.Name
	URLs     []string `xml:"url>loc"`
	Sitemaps []string `xml:"sitemap>loc"`
}

// ReadSitemap returns the page URLs of a sitemap file or http(s) URL, in
// their order. A sitemap index is followed one level down.
func ReadSitemap(ctx context.Context, source string) ([]string, error) {
	return readSitemap(ctx, source, 1)
}

func readSitemap(ctx context.Context, source string, depth int) ([]string, error) {
	data, err := fetchSitemap(ctx, source)
	if err != nil {
		return nil, fmt.Errorf("sitemap %s: %w", source, err)
	}
	var sm sitemapXML
	if err := xml.Unmarshal(data, &sm); err != nil {
		return nil, fmt.Errorf("sitemap %s: not a sitemap: %w", source, err)
	}
	switch sm.XMLName.Local {
	case "urlset":
		return trimAll(sm.URLs), nil
	case "sitemapindex":
		if depth == 0 {
			return nil, fmt.Errorf("sitemap %s: an index inside an index", source)
		}
		var out []string
		for _, s := range trimAll(sm.Sitemaps) {
			urls, err := readSitemap(ctx, s, depth-1)
			if err != nil {
				return nil, err
			}
			out = append(out, urls...)
		}
		return out, nil
	default:
		return nil, fmt.Errorf("sitemap %s: <%s> is neither <urlset> nor <sitemapindex>", source, sm.XMLName.Local)
	}
}

func fetchSitemap(ctx context.Context, source string) ([]byte, error) {
	if !strings.HasPrefix(source, "http://") && !strings.HasPrefix(source, "https://") {
		f, err := os.Open(source)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readLimited(f)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, source, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return readLimited(resp.Body)
}

func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSitemapBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxSitemapBytes {
		return nil, fmt.Errorf("larger than %d MB", maxSitemapBytes>>20)
	}
	return data, nil
}

func trimAll(s []string) []string {
	out := make([]string, 0, len(s))
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
