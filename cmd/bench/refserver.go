//go:build !js

package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
)

// refFile is one file of the reference page, compressed once at start.
type refFile struct {
	contentType  string
	cacheControl string
	body         []byte
	gzip         []byte
	br           []byte // nil without the brotli command
	etag         string
}

// Cache policies, the same as our server's for the same roles: the page is
// revalidated, the banner's files are cached five minutes.
const (
	refCachePage  = "no-cache"
	refCacheAsset = "public, max-age=300"
)

// newRefFile compresses body with gzip -9, and with brotli -q 11 when
// withBrotli (our wasm is brotli, and a CDN would serve the reference's
// files brotli too).
func newRefFile(body []byte, contentType, cacheControl string, withBrotli bool) (*refFile, error) {
	sum := sha256.Sum256(body)
	f := &refFile{contentType: contentType, cacheControl: cacheControl, body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	_, _ = zw.Write(body)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	f.gzip = buf.Bytes()
	if withBrotli {
		br, err := brotli(body)
		if err != nil {
			return nil, err
		}
		f.br = br
	}
	return f, nil
}

// errNoBrotli is returned when the brotli command is not installed.
var errNoBrotli = errors.New("the brotli command is not installed (apt-get install -y brotli)")

// brotli compresses with the brotli command at its best quality, as
// build.sh compresses our wasm.
func brotli(data []byte) ([]byte, error) {
	if _, err := exec.LookPath("brotli"); err != nil {
		return nil, errNoBrotli
	}
	cmd := exec.Command("brotli", "-q", "11", "-c")
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("brotli: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out.Bytes(), nil
}

// refServer serves the reference page and its files on loopback.
type refServer struct {
	files map[string]*refFile
}

// ServeHTTP sends br or gzip as the browser accepts (Chromium sends
// "gzip, deflate, br, zstd"), with an ETag and 304s like our server.
func (s *refServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", f.cacheControl)
	h.Set("Vary", "Accept-Encoding")
	body, coding := f.body, ""
	accept := r.Header.Get("Accept-Encoding")
	switch {
	case f.br != nil && strings.Contains(accept, "br"):
		body, coding = f.br, "br"
	case strings.Contains(accept, "gzip"):
		body, coding = f.gzip, "gzip"
	}
	etag := f.etag
	if coding != "" {
		etag = strings.TrimSuffix(etag, `"`) + "-" + coding + `"`
	}
	h.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", f.contentType)
	if coding != "" {
		h.Set("Content-Encoding", coding)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// startRefServer serves files on a free loopback port.
func startRefServer(files map[string]*refFile) (url string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: &refServer{files: files}}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}
