//go:build !js

package audit

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// notPages are the extensions of links that lead to files, not pages: the
// crawler does not follow them (a data portal links to many exports).
var notPages = map[string]bool{
	".pdf": true, ".zip": true, ".gz": true, ".csv": true, ".xls": true, ".xlsx": true, ".ods": true,
	".json": true, ".geojson": true, ".xml": true, ".rdf": true, ".txt": true, ".shp": true, ".kml": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true, ".ico": true,
	".mp3": true, ".mp4": true, ".webm": true, ".doc": true, ".docx": true, ".odt": true, ".parquet": true,
}

// normalizePage checks a page URL given by the user or a sitemap: http or
// https, with a host. The fragment is dropped: it names a place in the
// same page.
func normalizePage(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("%q: %w", raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q: not an http or https URL", raw)
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

// followable returns the link as a page to audit when it is on one of the
// origins, leads to a page rather than a file, and is http(s).
func followable(link string, origins map[string]bool) (string, bool) {
	p, err := normalizePage(link)
	if err != nil {
		return "", false
	}
	u, _ := url.Parse(p)
	if !origins[u.Scheme+"://"+u.Host] {
		return "", false
	}
	if notPages[strings.ToLower(path.Ext(u.Path))] {
		return "", false
	}
	return p, true
}

// originOf is the scheme://host[:port] of a normalized page URL.
func originOf(page string) string {
	u, err := url.Parse(page)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
