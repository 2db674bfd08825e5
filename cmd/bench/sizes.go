//go:build !js

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// fileSize is one file a banner ships, raw and compressed.
type fileSize struct {
	name             string
	raw, gzip, brotl int // brotl 0: not available
}

// sizes are both banners' files, and the wasm's brotli size for its goal.
type sizes struct {
	ours, reference []fileSize
	wasmBrotli      int
}

// measureSizes sizes our loader as the server serves it (configuration
// filled in), our wasm as build.sh compressed it, and the reference's
// files as its server compressed them. The loader is compressed here with
// the same tools, to compare like with like.
func measureSizes(dist string, loader []byte, ref *reference) (sizes, error) {
	var s sizes
	compressed := func(name string, body []byte) (fileSize, error) {
		f, err := newRefFile(body, "", "", true)
		if err != nil && !errors.Is(err, errNoBrotli) {
			return fileSize{}, err
		}
		if f == nil {
			if f, err = newRefFile(body, "", "", false); err != nil {
				return fileSize{}, err
			}
		}
		return fileSize{name: name, raw: len(f.body), gzip: len(f.gzip), brotl: len(f.br)}, nil
	}
	l, err := compressed("consent.js (loader, configuration inlined)", loader)
	if err != nil {
		return s, err
	}
	start, err := os.ReadFile(filepath.Join(dist, "start.js"))
	if err != nil {
		return s, fmt.Errorf("no start module: %w (run ./build.sh build)", err)
	}
	st, err := compressed("start.<hash>.js (imported once the panel opens)", start)
	if err != nil {
		return s, err
	}
	s.ours = append(s.ours, l, st)

	size := func(name string) (int, error) {
		fi, err := os.Stat(filepath.Join(dist, name))
		if os.IsNotExist(err) {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		return int(fi.Size()), nil
	}
	var w fileSize
	w.name = "consent.wasm"
	for _, x := range []struct {
		file string
		to   *int
	}{{"consent.wasm", &w.raw}, {"consent.wasm.gz", &w.gzip}, {"consent.wasm.br", &w.brotl}} {
		n, err := size(x.file)
		if err != nil {
			return s, err
		}
		*x.to = n
	}
	if w.raw == 0 {
		return s, fmt.Errorf("no %s (run ./build.sh build)", filepath.Join(dist, "consent.wasm"))
	}
	s.ours = append(s.ours, w)
	s.wasmBrotli = w.brotl

	for _, p := range []string{refJSPath, refCSSPath, refConfigPath} {
		f := ref.files[p]
		s.reference = append(s.reference, fileSize{name: strings.TrimPrefix(p, "/"), raw: len(f.body), gzip: len(f.gzip), brotl: len(f.br)})
	}
	return s, nil
}

// sizesTable is the files' Markdown table, with a total per banner.
func sizesTable(s sizes) string {
	var b strings.Builder
	b.WriteString("| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|\n")
	kib := func(n int) string {
		if n == 0 {
			return "—"
		}
		return unitKiB.format(float64(n))
	}
	for _, group := range []struct {
		who   string
		files []fileSize
	}{{"ours", s.ours}, {"reference", s.reference}} {
		var total fileSize
		for _, f := range group.files {
			fmt.Fprintf(&b, "| %s: %s | %s | %s | %s |\n", group.who, f.name, kib(f.raw), kib(f.gzip), kib(f.brotl))
			total.raw += f.raw
			total.gzip += f.gzip
			total.brotl += f.brotl
		}
		fmt.Fprintf(&b, "| **%s: total** | %s | %s | %s |\n", group.who, kib(total.raw), kib(total.gzip), kib(total.brotl))
	}
	return b.String()
}
