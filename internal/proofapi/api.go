// Package proofapi is the proof of consent's HTTP API: the loader posts
// each choice to it, anyone may read the texts a hash names, and the
// operator looks up a consent id's history.
package proofapi

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/opendata-portals/cookie-consent/internal/metrics"
	"github.com/opendata-portals/cookie-consent/internal/ratelimit"
	"github.com/opendata-portals/cookie-consent/internal/respond"
	"github.com/opendata-portals/cookie-consent/proof"
)

// CORS answers of POST /api/consents: only the allowed origins, and no
// credentials (the loader sends none; the endpoint reads no cookie).
const (
	consentsAllowMethods = "POST, OPTIONS"
	consentsAllowHeaders = "Content-Type"
	// consentsMaxAge is how long a browser may reuse a preflight (Chromium
	// caps it at two hours).
	consentsMaxAge = "7200"
)

// Server serves the API on one proof database.
type Server struct {
	Store    *proof.Store
	Recorder *proof.Recorder
	// Origins may POST choices (-allowed-origins).
	Origins map[string]bool
	// PublicOrigin is this server's own origin, from -public-url; it may
	// record too. "" when not configured: then a browser's request whose
	// Origin names the request's own Host may record (the demo page, a
	// portal served by the same host), and nothing else is taken from Host.
	PublicOrigin string
	// Limiter bounds the recording requests per client (nil: no limit).
	Limiter *ratelimit.Limiter
	// ServerLimiter bounds the choices this server records, whoever
	// sends them (nil: no limit).
	ServerLimiter *ratelimit.Limiter
	// DiskFull reports that the database's disk is nearly full: choices are
	// refused before they fill it (nil: never).
	DiskFull func() bool
	Metrics  *metrics.Metrics
	// RealIPHeader is -real-ip-header: where a reverse proxy puts the
	// client's address, for the rate limit.
	RealIPHeader string
	// Operator checks the operator's token on look-ups; nil turns
	// look-ups off (the server has no operator token).
	Operator Authorizer
	Now      func() time.Time
	// Logf writes one line to the server's log. Visitors' data is never
	// logged, nor the operator token.
	Logf func(format string, args ...any)
}

// Authorizer tells whether a request carries the operator's token;
// retryAfter > 0 says that its client is locked out after too many
// failures.
type Authorizer interface {
	Bearer(r *http.Request) (ok bool, retryAfter time.Duration)
}

// The API's paths.
const (
	ConsentsPath     = "/api/consents"
	consentsByIDPath = "/api/consents/" // + consent id, operator only
	textsPath        = "/api/texts/"    // + texts hash
)

// Handles reports whether path is one of the API's.
func Handles(path string) bool {
	return path == ConsentsPath || strings.HasPrefix(path, consentsByIDPath) || strings.HasPrefix(path, textsPath)
}

// ServeHTTP routes the API's paths; the caller sends only those (Handles)
// and has checked the request target.
func (p *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	switch {
	case path == ConsentsPath:
		p.serveConsents(w, r)
	case strings.HasPrefix(path, consentsByIDPath):
		p.serveLookup(w, r, strings.TrimPrefix(path, consentsByIDPath))
	case strings.HasPrefix(path, textsPath):
		p.serveTexts(w, r, strings.TrimPrefix(path, textsPath))
	default:
		jsonError(w, http.StatusNotFound, "not found")
	}
}

// apiError is the body of every error of the API:
//
//	{"error":"ts: 1764504000000 is more than a day ahead of the server's clock","field":"ts"}
type apiError struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

// writeJSON sends v as an uncacheable JSON response.
func writeJSON(w http.ResponseWriter, code int, v any) {
	data, _ := json.Marshal(v) // our response types always marshal
	data = append(data, '\n')
	hdr := w.Header()
	hdr.Set("Content-Type", "application/json; charset=utf-8")
	if hdr.Get("Cache-Control") == "" {
		hdr.Set("Cache-Control", "no-store")
	}
	hdr.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(code)
	_, _ = w.Write(data)
}

func jsonError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, apiError{Error: msg})
}

// recordResponse is the answer to a recorded choice: 201 when stored now,
// 200 when it was already stored (a retry).
type recordResponse struct {
	ID     string `json:"id"`
	TS     int64  `json:"ts"`
	Status string `json:"status"` // "created" or "duplicate"
}

// serveConsents is POST /api/consents (and its CORS preflight): one visitor
// choice, as the loader sends it. The order of the checks puts the cheap
// ones first: rate, origin, method, type, size, then the body's schema,
// then the server's limit and disk, then the database.
func (p *Server) serveConsents(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Vary", "Origin")
	if ok, wait := p.Limiter.Allow(ratelimit.ClientKey(r, p.RealIPHeader), p.Now()); !ok {
		p.Metrics.RateLimited("client")
		hdr.Set("Retry-After", ratelimit.RetryAfter(wait))
		jsonError(w, http.StatusTooManyRequests, "too many requests from this client: retry later")
		return
	}
	origin := r.Header.Get("Origin")
	if origin != "" {
		if !p.originAllowed(origin) && !p.ownHost(origin, r) {
			p.Metrics.Refused("origin")
			jsonError(w, http.StatusForbidden, "origin "+strconv.Quote(respond.Clip(origin))+" may not record choices here (see the server's -allowed-origins and -public-url)")
			return
		}
		hdr.Set("Access-Control-Allow-Origin", origin)
	}
	switch r.Method {
	case http.MethodPost:
	case http.MethodOptions:
		hdr.Set("Access-Control-Allow-Methods", consentsAllowMethods)
		hdr.Set("Access-Control-Allow-Headers", consentsAllowHeaders)
		hdr.Set("Access-Control-Max-Age", consentsMaxAge)
		hdr.Set("Allow", consentsAllowMethods)
		hdr.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNoContent)
		return
	default:
		p.Metrics.Refused("method")
		hdr.Set("Allow", consentsAllowMethods)
		jsonError(w, http.StatusMethodNotAllowed, "method not allowed: POST a choice")
		return
	}
	if !jsonOrText(r.Header.Get("Content-Type")) {
		p.Metrics.Refused("content_type")
		jsonError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json (or text/plain, as the loader sends to avoid a preflight)")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, proof.MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			p.Metrics.Refused("too_large")
			jsonError(w, http.StatusRequestEntityTooLarge, "the body is larger than "+strconv.Itoa(proof.MaxBodyBytes)+" bytes")
			return
		}
		p.Metrics.Refused("schema")
		jsonError(w, http.StatusBadRequest, "the body could not be read")
		return
	}
	now := p.Now()
	sub, err := proof.DecodeSubmission(body, now)
	if err != nil {
		p.Metrics.Refused("schema")
		var fe *proof.FieldError
		if errors.As(err, &fe) {
			writeJSON(w, http.StatusBadRequest, apiError{Error: fe.Error(), Field: fe.Field})
			return
		}
		jsonError(w, http.StatusBadRequest, err.Error())
		return
	}
	switch {
	case origin != "" && sub.Origin != origin:
		p.Metrics.Refused("origin")
		writeJSON(w, http.StatusBadRequest, apiError{Error: "origin: " + strconv.Quote(sub.Origin) + " is not the request's Origin", Field: "origin"})
		return
	case origin == "" && !p.originAllowed(sub.Origin):
		// Without an Origin header (not a browser's request) nothing
		// comes from Host, which such a client writes as it likes.
		p.Metrics.Refused("origin")
		writeJSON(w, http.StatusForbidden, apiError{Error: "origin: " + strconv.Quote(sub.Origin) +
			" may not record choices here (see the server's -allowed-origins and -public-url)", Field: "origin"})
		return
	}
	if ok, wait := p.ServerLimiter.Allow("", now); !ok {
		p.Metrics.RateLimited("server")
		hdr.Set("Retry-After", ratelimit.RetryAfter(wait))
		jsonError(w, http.StatusServiceUnavailable, "this server is recording as many choices as it may (-proof-rate-total): retry later")
		return
	}
	if p.DiskFull != nil && p.DiskFull() {
		p.Metrics.Refused("disk_full")
		jsonError(w, http.StatusInsufficientStorage, "the proof database's disk is nearly full: nothing is recorded until the operator frees space")
		return
	}
	start := time.Now()
	rec, outcome, err := p.Recorder.Record(r.Context(), sub, now)
	var reject *proof.RejectError
	switch {
	case errors.As(err, &reject):
		p.Metrics.Refused("texts")
		jsonError(w, http.StatusUnprocessableEntity, reject.Msg)
	case errors.Is(err, proof.ErrConflict):
		p.Metrics.Refused("conflict")
		jsonError(w, http.StatusConflict, "a different choice with this id and ts is already recorded")
	case errors.Is(err, proof.ErrIDFull):
		p.Metrics.Refused("id_full")
		writeJSON(w, http.StatusConflict, apiError{Error: "id: this consent id already has " + strconv.Itoa(proof.MaxRecordsPerID) +
			" records, the most one id may have (the banner gives every new choice a new id)", Field: "id"})
	case errors.Is(err, proof.ErrDiskFull):
		p.Metrics.Refused("disk_full")
		p.Metrics.DBError("record")
		p.Logf("proof: recording a choice: %v", err)
		jsonError(w, http.StatusInsufficientStorage, "the proof database's disk is full: nothing is recorded until the operator frees space")
	case errors.Is(err, proof.ErrClosed):
		p.Metrics.Refused("shutting_down")
		hdr.Set("Retry-After", "5")
		jsonError(w, http.StatusServiceUnavailable, "the server is shutting down: retry later")
	case err != nil:
		p.Metrics.DBError("record")
		p.Logf("proof: recording a choice: %v", err)
		jsonError(w, http.StatusInternalServerError, "the choice could not be recorded")
	case outcome == proof.Duplicate:
		p.Metrics.Wrote(time.Since(start))
		p.Metrics.Recorded("duplicate")
		writeJSON(w, http.StatusOK, recordResponse{ID: rec.ID, TS: rec.TS, Status: "duplicate"})
	default:
		p.Metrics.Wrote(time.Since(start))
		p.Metrics.Recorded("created")
		writeJSON(w, http.StatusCreated, recordResponse{ID: rec.ID, TS: rec.TS, Status: "created"})
	}
}

// originAllowed reports whether the configuration lets pages of origin
// record choices: one of -allowed-origins, or -public-url's origin.
func (p *Server) originAllowed(origin string) bool {
	return p.Origins[origin] || (p.PublicOrigin != "" && origin == p.PublicOrigin)
}

// ownHost keeps the behaviour of a server without -public-url: a browser's
// Origin header naming the Host the request was sent to is this server's
// own page (the demo, a portal served by the same host). It is never used
// with -public-url, nor for a request without Origin (a browser always
// sends one with a cross-origin POST and with the loader's fetch), whose
// Host header is whatever the client wrote.
func (p *Server) ownHost(origin string, r *http.Request) bool {
	if p.PublicOrigin != "" {
		return false
	}
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// jsonOrText accepts application/json and text/plain (what fetch sends for
// a string body without a preflight), in UTF-8.
func jsonOrText(contentType string) bool {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || (mt != "application/json" && mt != "text/plain") {
		return false
	}
	cs, ok := params["charset"]
	return !ok || strings.EqualFold(cs, "utf-8")
}

// lookupResponse is the answer of GET /api/consents/<id>: the consent id's
// history, oldest first.
type lookupResponse struct {
	ID      string         `json:"id"`
	Records []proof.Record `json:"records"`
}

// serveLookup is GET /api/consents/<id> for the operator (Authorization:
// Bearer <token>): every record of one consent id.
func (p *Server) serveLookup(w http.ResponseWriter, r *http.Request, id string) {
	if p.Operator == nil {
		jsonError(w, http.StatusNotFound, "operator access is off (the server has no -operator-token)")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		jsonError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	ok, wait := p.Operator.Bearer(r)
	if wait > 0 {
		w.Header().Set("Retry-After", ratelimit.RetryAfter(wait))
		jsonError(w, http.StatusTooManyRequests, "too many failed attempts from this address: wait a few minutes")
		return
	}
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="cookie-consent operator"`)
		jsonError(w, http.StatusUnauthorized, "operator token required: Authorization: Bearer <token>")
		return
	}
	if !proof.IsID(id) {
		jsonError(w, http.StatusBadRequest, "not a consent id (16 to 64 characters A-Z a-z 0-9 _ -)")
		return
	}
	records, err := p.Store.ByID(r.Context(), id)
	if err != nil {
		p.Metrics.DBError("lookup")
		p.Logf("proof: looking up a consent id: %v", err)
		jsonError(w, http.StatusInternalServerError, "the look-up failed")
		return
	}
	if len(records) == 0 {
		jsonError(w, http.StatusNotFound, "no record of this consent id")
		return
	}
	writeJSON(w, http.StatusOK, lookupResponse{ID: id, Records: records})
}

// serveTexts is GET /api/texts/<hash>: the texts a visitor was shown, as the
// canonical JSON the hash was computed from (sha256 of the body is the
// hash). Public, like the banner itself, and cacheable forever: the content
// cannot change under its hash.
func (p *Server) serveTexts(w http.ResponseWriter, r *http.Request, hash string) {
	hdr := w.Header()
	hdr.Set("Access-Control-Allow-Origin", "*")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		jsonError(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	if !proof.IsHash(hash) {
		jsonError(w, http.StatusNotFound, "not a texts hash (64 lowercase hex digits)")
		return
	}
	t, ok, err := p.Store.Texts(r.Context(), hash)
	if err == nil && ok {
		_, err = proof.ParseShown(t.Canonical, hash)
	}
	switch {
	case err != nil:
		p.Metrics.DBError("texts")
		p.Logf("proof: reading texts %s: %v", hash, err)
		jsonError(w, http.StatusInternalServerError, "the texts could not be read")
		return
	case !ok:
		jsonError(w, http.StatusNotFound, "no texts with this hash")
		return
	}
	hdr.Set("Content-Type", "application/json; charset=utf-8")
	hdr.Set("Cache-Control", respond.CacheImmutable)
	hdr.Set("ETag", `"`+hash+`"`)
	hdr.Set("Content-Length", strconv.Itoa(len(t.Canonical)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(t.Canonical)
	}
}
