//go:build !js

package e2e

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// hostSite is a portal of the test's own: a second server, on another origin
// than the consent server, serving pages that embed serverURL/consent.js.
//
// Its URL uses the host name "localhost" while serverURL uses 127.0.0.1: the
// two are different origins AND different sites, and, since browsers keep
// cookies per host name whatever the port, different cookie jars. A test can
// then tell the page's cookie from one written for the consent server.
type hostSite struct {
	URL string // e.g. http://localhost:41235

	mu    sync.Mutex
	files map[string]hostFile
	hits  map[string]int
}

type hostFile struct {
	contentType string
	body        string
	csp         string        // the Content-Security-Policy header, if any
	delay       time.Duration // how long the response waits
}

func newHostSite(t *testing.T) *hostSite {
	t.Helper()
	s := &hostSite{files: map[string]hostFile{}, hits: map[string]int{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	require.NoError(t, err)
	s.URL = "http://localhost:" + port
	require.NotEqual(t, hostOf(s.URL), hostOf(serverURL), "the host page and the consent server must not share a cookie jar")
	return s
}

// newHostSiteOn serves a portal of the test's own on another loopback
// address (e.g. 127.0.0.7), which is also its URL's host. Browsers keep
// cookies per host name whatever the port, so each such site is a cookie jar
// of its own, in every engine, even in a browser whose one session shares
// its jar between visitors (WebKitWebDriver). An address rather than
// "localhost": engines treat cookies on localhost each their own way.
func newHostSiteOn(t *testing.T, addr string) *hostSite {
	t.Helper()
	s := &hostSite{files: map[string]hostFile{}, hits: map[string]int{}}
	l, err := net.Listen("tcp", net.JoinHostPort(addr, "0"))
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(s)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	require.NotEqual(t, hostOf(s.URL), hostOf(serverURL), "the host page and the consent server must not share a cookie jar")
	return s
}

func (s *hostSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.URL.Path]
	s.hits[r.URL.Path]++
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	time.Sleep(f.delay)
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Cache-Control", "no-store")
	if f.csp != "" {
		w.Header().Set("Content-Security-Policy", f.csp)
	}
	_, _ = w.Write([]byte(f.body))
}

// page serves an HTML page at path. "{{SERVER}}" in it becomes serverURL.
func (s *hostSite) page(path, html string) {
	s.serve(path, hostFile{contentType: "text/html; charset=utf-8", body: withServer(html)})
}

// pageWithCSP serves an HTML page with a Content-Security-Policy header.
func (s *hostSite) pageWithCSP(path, html, csp string) {
	s.serve(path, hostFile{contentType: "text/html; charset=utf-8", body: withServer(html), csp: withServer(csp)})
}

// script serves a JavaScript file of the page's own.
func (s *hostSite) script(path, js string) {
	s.serve(path, hostFile{contentType: "text/javascript; charset=utf-8", body: js})
}

// slowScript serves a JavaScript file that takes delay to arrive.
func (s *hostSite) slowScript(path, js string, delay time.Duration) {
	s.serve(path, hostFile{contentType: "text/javascript; charset=utf-8", body: js, delay: delay})
}

// pageFor serves an HTML page whose "{{SERVER}}" becomes the given consent
// server's URL (one started with its own configuration).
func (s *hostSite) pageFor(path, html, server string) {
	s.serve(path, hostFile{contentType: "text/html; charset=utf-8", body: strings.ReplaceAll(html, "{{SERVER}}", server)})
}

// on is the site's URL under another host name, e.g. "www.portal.test",
// which the browser resolves to the loopback.
func (s *hostSite) on(host string) string {
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(s.URL, "http://"))
	return "http://" + host + ":" + port
}

func (s *hostSite) serve(path string, f hostFile) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path] = f
}

// hitCount is how many requests reached path.
func (s *hostSite) hitCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func withServer(s string) string {
	return strings.ReplaceAll(s, "{{SERVER}}", serverURL)
}

// testdata reads a file of e2e/testdata.
func testdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}

func hostOf(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "http://"), "https://")
	h, _, err := net.SplitHostPort(strings.SplitN(u, "/", 2)[0])
	if err != nil {
		return u
	}
	return h
}
