package bundle

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/opendata-portals/cookie-consent/internal/respond"
)

// CORS answers for the assets a portal page loads from our origin. The loader
// fetches the wasm with credentials "omit", so the wildcard origin is enough
// and no cookie of ours is ever involved.
const (
	corsAllowMethods = "GET, HEAD, OPTIONS"
	// The request headers a cross-origin fetch of an asset may carry; they
	// need a preflight because they are not CORS-safelisted.
	corsAllowHeaders = "Accept, Accept-Language, Cache-Control, Content-Language, Content-Type, If-Modified-Since, If-None-Match"
	corsMaxAge       = "86400"
)

// handler serves the in-memory assets. The route table is an exact map from
// the request path to a resource: there is no file-system lookup and no path
// cleaning, so "/../go.mod", "%2e%2e" or "/dist/cookie-consent" simply match nothing.
type handler struct {
	routes map[string]*resource
}

// healthzPath answers load balancers and the e2e tests' readiness probes.
const healthzPath = "/healthz"

// Handler builds the server's routes from a:
//
//	/                    demo portal page (web/demo/index.html)
//	/demo/<name>         the demo page's other files, if any
//	/consent.js          the assembled loader
//	/consent.<hash>.wasm the banner, content-addressed
//	/start.<hash>.js     the module that starts the wasm, imported with it
//	/theme.css           the default theme
//	/config.json         the effective configuration, for people
//	/config.<hash>.json  the same, compact and content-addressed, for the wasm
//	/healthz             "ok"
func Handler(a *Assets) http.Handler {
	routes := map[string]*resource{
		"/":                a.demoIndex,
		"/consent.js":      a.loader,
		"/" + a.wasmName:   a.wasm,
		"/" + a.startName:  a.start,
		"/theme.css":       a.theme,
		"/config.json":     a.config,
		"/" + a.configName: a.configFull,
	}
	for name, r := range a.demo {
		routes["/demo/"+name] = r
	}
	return &handler{routes: routes}
}

// ServeHTTP checks the request target, then the route, then the method, so
// that an unknown path is a 404 whatever the method, and a known one a 405
// for anything but GET and HEAD (and OPTIONS on the cross-origin assets).
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	// Every response, errors included: browsers must never guess a type.
	hdr.Set("X-Content-Type-Options", "nosniff")

	if respond.BadTarget(r) {
		respond.Plain(w, http.StatusBadRequest, "400 bad request")
		return
	}
	if r.URL.Path == healthzPath {
		serveHealthz(w, r)
		return
	}
	res, ok := h.routes[r.URL.Path]
	if !ok {
		respond.Plain(w, http.StatusNotFound, "404 page not found")
		return
	}
	switch {
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		serveResource(w, r, res)
	case r.Method == http.MethodOptions && res.cors:
		servePreflight(w)
	default:
		allow := "GET, HEAD"
		if res.cors {
			allow = corsAllowMethods
		}
		hdr.Set("Allow", allow)
		respond.Plain(w, http.StatusMethodNotAllowed, "405 method not allowed")
	}
}

// serveResource sends the representation the client's Accept-Encoding
// prefers, or 304 when the client already has it.
func serveResource(w http.ResponseWriter, r *http.Request, res *resource) {
	hdr := w.Header()
	rep := res.negotiate(r.Header.Values("Accept-Encoding"))

	hdr.Set("Cache-Control", res.cacheControl)
	hdr.Set("ETag", rep.etag)
	if len(res.reps) > 1 {
		hdr.Set("Vary", "Accept-Encoding")
	}
	if res.cors {
		hdr.Set("Access-Control-Allow-Origin", "*")
		// Lets JavaScript on the portal read the validator, e.g. to log it.
		hdr.Set("Access-Control-Expose-Headers", "ETag")
		// Keeps the assets loadable by portals that set
		// Cross-Origin-Embedder-Policy: require-corp.
		hdr.Set("Cross-Origin-Resource-Policy", "cross-origin")
	}
	if res.csp != "" {
		hdr.Set("Content-Security-Policy", res.csp)
		hdr.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	}
	if ifNoneMatch(r.Header.Values("If-None-Match"), rep.etag) {
		// RFC 9110 15.4.5: a 304 carries the validators and caching headers
		// set above, not the body's metadata.
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hdr.Set("Content-Type", res.contentType)
	if rep.coding != "" {
		hdr.Set("Content-Encoding", rep.coding)
	}
	hdr.Set("Content-Length", strconv.Itoa(len(rep.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(rep.body) // the client went away: nothing to do
	}
}

// servePreflight answers a CORS preflight for an asset. Browsers only send one
// when a script adds non-safelisted headers (If-None-Match, Cache-Control, ...).
func servePreflight(w http.ResponseWriter) {
	hdr := w.Header()
	hdr.Set("Access-Control-Allow-Origin", "*")
	hdr.Set("Access-Control-Allow-Methods", corsAllowMethods)
	hdr.Set("Access-Control-Allow-Headers", corsAllowHeaders)
	hdr.Set("Access-Control-Max-Age", corsMaxAge)
	hdr.Set("Allow", corsAllowMethods)
	w.WriteHeader(http.StatusNoContent)
}

// serveHealthz is never cached, so a probe always reaches this process.
func serveHealthz(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		respond.Plain(w, http.StatusMethodNotAllowed, "405 method not allowed")
		return
	}
	hdr.Set("Content-Type", "text/plain; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Content-Length", "2")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write([]byte("ok"))
	}
}

// codingPreference is the server's order among equally acceptable codings:
// brotli is the smallest (the wasm is 1.4 MB brotli against 1.9 MB gzip).
var codingPreference = []string{"br", "gzip", ""}

// negotiate picks the representation with the highest q-value in the
// Accept-Encoding header fields, ties broken by codingPreference. Without
// Accept-Encoding, or when nothing is acceptable, it falls back to identity
// (RFC 9110 12.5.3: an unencoded body is the safe answer).
func (res *resource) negotiate(acceptEncoding []string) representation {
	q := parseAcceptEncoding(acceptEncoding)
	best, bestQ := res.reps[0], 0.0
	for _, coding := range codingPreference {
		for _, rep := range res.reps {
			if rep.coding != coding {
				continue
			}
			if v := q.of(coding); v > bestQ {
				best, bestQ = rep, v
			}
		}
	}
	return best
}

// identityDefaultQ is the smallest non-zero q-value: identity when the client
// did not name it.
const identityDefaultQ = 0.001

// acceptEncoding holds the q-value of each coding named in Accept-Encoding.
type acceptEncoding map[string]float64

// parseAcceptEncoding reads "br;q=1.0, gzip;q=0.8, *;q=0" style fields.
// Codings are case-insensitive; an element with a malformed q-value is
// ignored rather than guessed at.
func parseAcceptEncoding(fields []string) acceptEncoding {
	q := acceptEncoding{}
	for _, field := range fields {
		for _, elem := range strings.Split(field, ",") {
			coding, params, _ := strings.Cut(elem, ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			if coding == "" {
				continue
			}
			v, ok := 1.0, true
			for _, p := range strings.Split(params, ";") {
				name, val, found := strings.Cut(strings.TrimSpace(p), "=")
				if !found || !strings.EqualFold(strings.TrimSpace(name), "q") {
					continue
				}
				f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				if err != nil || f < 0 || f > 1 {
					ok = false
					break
				}
				v = f
			}
			if ok {
				q[coding] = v
			}
		}
	}
	return q
}

// of is coding's q-value: its own entry, else "*", else 0 for a compressed
// coding. Identity not named is acceptable (RFC 9110 12.5.3) but least
// preferred: a client that lists codings without q-values wants one of them.
func (q acceptEncoding) of(coding string) float64 {
	name := coding
	if name == "" {
		name = "identity"
	}
	if v, ok := q[name]; ok {
		return v
	}
	if name == "gzip" {
		if v, ok := q["x-gzip"]; ok {
			return v
		}
	}
	if v, ok := q["*"]; ok {
		return v
	}
	if name == "identity" {
		return identityDefaultQ
	}
	return 0
}

// ifNoneMatch reports whether the If-None-Match fields match etag: "*", or a
// list of entity tags compared weakly (a "W/" prefix is ignored), as RFC 9110
// 13.1.2 prescribes for this header.
func ifNoneMatch(fields []string, etag string) bool {
	for _, field := range fields {
		s := field
		for {
			s = strings.TrimLeft(s, " \t,")
			if s == "" {
				break
			}
			if s[0] == '*' {
				return true
			}
			s = strings.TrimPrefix(s, "W/")
			if s == "" || s[0] != '"' {
				break // malformed: ignore the rest of this field
			}
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				break
			}
			if s[:end+2] == etag {
				return true
			}
			s = s[end+2:]
		}
	}
	return false
}
