//go:build !js

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/opendata-portals/cookie-consent/app/config"
)

// reference is the reference banner's page, ready to serve.
type reference struct {
	version string // vanilla-cookieconsent's version, from its package.json
	files   map[string]*refFile
	notes   []string
}

// loadReference builds the reference page from the demo page's directory
// (web/demo), vanilla-cookieconsent's package directory (node_modules/...)
// and our effective configuration, in the configuration's default language
// (the demo page is <html lang="fr">).
func loadReference(demoDir, pkgDir string, cfg *config.Config) (*reference, error) {
	ref := &reference{files: map[string]*refFile{}}
	var pkg struct {
		Version string `json:"version"`
	}
	raw, err := os.ReadFile(filepath.Join(pkgDir, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("%w (run npm ci)", err)
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(pkgDir, "package.json"), err)
	}
	ref.version = pkg.Version

	withBrotli := true
	add := func(path string, body []byte, contentType, cache string, compressBrotli bool) error {
		f, err := newRefFile(body, contentType, cache, compressBrotli && withBrotli)
		if errors.Is(err, errNoBrotli) {
			withBrotli = false
			ref.notes = append(ref.notes, "reference: "+err.Error()+": its files are served gzip")
			f, err = newRefFile(body, contentType, cache, false)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		ref.files[path] = f
		return nil
	}

	demo, err := os.ReadFile(filepath.Join(demoDir, "index.html"))
	if err != nil {
		return nil, err
	}
	page, err := referenceHTML(demo)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(demoDir, "index.html"), err)
	}
	// The page and its other files are compressed as our server does them:
	// gzip only. The banner's files get brotli, as our wasm does.
	if err := add("/", page, "text/html; charset=utf-8", refCachePage, false); err != nil {
		return nil, err
	}
	err = filepath.WalkDir(demoDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "index.html" {
			return err
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(demoDir, p)
		return add("/demo/"+filepath.ToSlash(rel), body, contentTypeOf(p), refCachePage, false)
	})
	if err != nil {
		return nil, err
	}

	for _, f := range []struct{ path, file, ctype string }{
		{refJSPath, "dist/cookieconsent.umd.js", "application/javascript; charset=utf-8"},
		{refCSSPath, "dist/cookieconsent.css", "text/css; charset=utf-8"},
	} {
		body, err := os.ReadFile(filepath.Join(pkgDir, f.file))
		if err != nil {
			return nil, fmt.Errorf("%w (run npm ci)", err)
		}
		if err := add(f.path, body, f.ctype, refCacheAsset, true); err != nil {
			return nil, err
		}
	}
	script, err := referenceConfigScript(referenceConfig(cfg, cfg.DefaultLanguage))
	if err != nil {
		return nil, err
	}
	if err := add(refConfigPath, script, "application/javascript; charset=utf-8", refCacheAsset, true); err != nil {
		return nil, err
	}
	return ref, nil
}

// contentTypeOf covers the demo page's own files.
func contentTypeOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "application/javascript; charset=utf-8"
	default:
		return "application/octet-stream"
	}
}
