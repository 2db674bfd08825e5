package operator

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/opendata-portals/cookie-consent/internal/ratelimit"
	"github.com/opendata-portals/cookie-consent/internal/respond"
)

// The operator's session cookie: set by the login form, sent only to
// /operator (Path), never readable by JavaScript (HttpOnly), never sent by
// another site's page (SameSite=Strict). Its value is a random secret and
// an HMAC of it keyed by the token. The secret's hash is a row of the proof
// database (operator_sessions), which every server sharing the database
// reads: a session opened on one server works on the others, and a logout
// on one ends it on all. The HMAC ties the session to the token, so that
// changing the token ends every session.
const (
	sessionCookie = "cc_operator"
	sessionLength = 8 * time.Hour
)

// Failed authentications (a wrong token in the form or a Bearer header, a
// forged or ended session) are counted per client: after maxAuthFailures
// within authFailureWindow the client is locked out for authLockout, every
// attempt refused unchecked. Guessing a 16-character token at that pace
// (about 2 000 guesses a day from one address) is hopeless.
const (
	maxAuthFailures   = 10
	authFailureWindow = 5 * time.Minute
	authLockout       = 5 * time.Minute
)

// Metrics counts failed authentications and lockouts (see
// internal/metrics); nil counts nothing.
type Metrics interface {
	AuthFailure(via string)
	AuthLockout()
	DBError(op string)
}

// Sessions keeps the operator's sessions where every server sees them (the
// proof database).
type Sessions interface {
	OpenSession(ctx context.Context, secret string, now, expires time.Time) error
	SessionOpen(ctx context.Context, secret string, now time.Time) (bool, error)
	CloseSession(ctx context.Context, secret string) error
}

// operatorAuth checks the operator token, given as a Bearer header or
// through the session cookie. The token itself is kept only as its hash.
type operatorAuth struct {
	tokenSum   [32]byte
	sessionKey []byte
	sessions   Sessions
	failures   *ratelimit.Lockout
	// publicOrigin is -public-url's origin, "" when not configured: the
	// origin a state-changing request's Origin header must name.
	publicOrigin string
}

func newOperatorAuth(token string, sessions Sessions, publicOrigin string) operatorAuth {
	key := sha256.Sum256([]byte("cookie-consent operator session\x00" + token))
	return operatorAuth{
		tokenSum: sha256.Sum256([]byte(token)), sessionKey: key[:], sessions: sessions,
		failures:     ratelimit.NewLockout(maxAuthFailures, authFailureWindow, authLockout),
		publicOrigin: publicOrigin,
	}
}

// tokenOK compares a candidate token with the operator's in constant time
// (both are hashed first, so even the length does not leak).
func (a operatorAuth) tokenOK(candidate string) bool {
	sum := sha256.Sum256([]byte(candidate))
	return subtle.ConstantTimeCompare(sum[:], a.tokenSum[:]) == 1
}

// bearerToken returns the token of an "Authorization: Bearer <token>"
// header, and whether there was such a header.
func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// client is the request's client, as the rate limits tell them apart.
func (p *Pages) client(r *http.Request) string { return ratelimit.ClientKey(r, p.realIPHeader) }

// lockedOut answers 429 when the request's client is locked out.
func (p *Pages) lockedOut(r *http.Request) (time.Duration, bool) {
	wait := p.failures.Wait(p.client(r), p.now())
	return wait, wait > 0
}

// failed counts and logs one failed authentication (never the candidate
// token), and logs the lockout it may start.
func (p *Pages) failed(r *http.Request, via string) {
	client := p.client(r)
	p.logf("operator: authentication failed (%s) from %s", via, client)
	if p.metrics != nil {
		p.metrics.AuthFailure(via)
	}
	if p.failures.Fail(client, p.now()) {
		p.logf("operator: %s locked out for %s after %d failed authentications", client, authLockout, maxAuthFailures)
		if p.metrics != nil {
			p.metrics.AuthLockout()
		}
	}
}

// dbError logs a database error of the sessions and counts it.
func (p *Pages) dbError(format string, err error) {
	p.logf(format, err)
	if p.metrics != nil {
		p.metrics.DBError("sessions")
	}
}

// Bearer checks the request's Bearer token for the API's look-ups, under
// the same lockout as the pages: ok when it is the operator's; otherwise
// retryAfter is > 0 when the client is locked out.
func (p *Pages) Bearer(r *http.Request) (ok bool, retryAfter time.Duration) {
	if wait, locked := p.lockedOut(r); locked {
		return false, wait
	}
	token, given := bearerToken(r)
	switch {
	case !given:
		return false, 0 // no attempt: nothing to count
	case p.tokenOK(token):
		return true, 0
	}
	p.failed(r, "bearer token")
	return false, 0
}

// tooManyFailures is the answer to a locked-out client.
func tooManyFailures(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", ratelimit.RetryAfter(wait))
	respond.Plain(w, http.StatusTooManyRequests, "429 too many failed attempts from this address: wait a few minutes")
}

// authorized lets through a request with the right Bearer token or an open
// session. A locked-out client is 429, a wrong Bearer token 401; a browser
// without a session goes to the login form.
func (p *Pages) authorized(w http.ResponseWriter, r *http.Request) bool {
	if wait, locked := p.lockedOut(r); locked {
		tooManyFailures(w, wait)
		return false
	}
	if token, given := bearerToken(r); given {
		if p.tokenOK(token) {
			return true
		}
		p.failed(r, "bearer token")
		w.Header().Set("WWW-Authenticate", `Bearer realm="cookie-consent operator"`)
		respond.Plain(w, http.StatusUnauthorized, "401 wrong operator token")
		return false
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		http.Redirect(w, r, Path+"/login", http.StatusSeeOther)
		return false
	}
	open, err := p.sessionOpen(r.Context(), c.Value, p.now())
	if err != nil {
		p.dbError("operator: reading a session: %v", err)
		respond.Plain(w, http.StatusInternalServerError, "500 the session could not be checked")
		return false
	}
	if open {
		return true
	}
	p.failed(r, "session")
	http.SetCookie(w, p.endSession(r))
	http.Redirect(w, r, Path+"/login", http.StatusSeeOther)
	return false
}

// sessionOpen checks a cookie's value: its HMAC (made with this token),
// then its row in the database (not logged out, not expired).
func (a operatorAuth) sessionOpen(ctx context.Context, value string, now time.Time) (bool, error) {
	secret, mac, ok := strings.Cut(value, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(a.sign(secret))) {
		return false, nil
	}
	return a.sessions.SessionOpen(ctx, value, now)
}

func (a operatorAuth) sign(secret string) string {
	m := hmac.New(sha256.New, a.sessionKey)
	m.Write([]byte(secret))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// openSession records a new session and returns its cookie, valid until
// now+sessionLength. Secure when the request came over https (directly, as
// a proxy says, or by -public-url).
func (p *Pages) openSession(r *http.Request, now time.Time) (*http.Cookie, error) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	secret := base64.RawURLEncoding.EncodeToString(b)
	value := secret + "." + p.sign(secret)
	if err := p.sessions.OpenSession(r.Context(), value, now, now.Add(sessionLength)); err != nil {
		return nil, err
	}
	return &http.Cookie{
		Name:     sessionCookie,
		Value:    value,
		Path:     Path,
		MaxAge:   int(sessionLength / time.Second),
		HttpOnly: true,
		Secure:   p.isHTTPS(r),
		SameSite: http.SameSiteStrictMode,
	}, nil
}

// serveLogout ends the session on every server (its row is deleted) and
// deletes the cookie. It is a POST from the pages' own origin only.
func (p *Pages) serveLogout(w http.ResponseWriter, r *http.Request) {
	if !allowMethods(w, r, http.MethodPost) || !p.sameOrigin(w, r) {
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := p.sessions.CloseSession(r.Context(), c.Value); err != nil {
			p.dbError("operator: ending a session: %v", err)
			respond.Plain(w, http.StatusInternalServerError, "500 the session could not be ended: try again")
			return
		}
	}
	http.SetCookie(w, p.endSession(r))
	http.Redirect(w, r, Path+"/login", http.StatusSeeOther)
}

// endSession is the cookie that deletes the session.
func (p *Pages) endSession(r *http.Request) *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: "", Path: Path, MaxAge: -1, HttpOnly: true, Secure: p.isHTTPS(r), SameSite: http.SameSiteStrictMode}
}

func (a operatorAuth) isHTTPS(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") ||
		strings.HasPrefix(a.publicOrigin, "https://")
}

// sameOrigin refuses (403) a state-changing request that another site's
// page made: the browser says so in Sec-Fetch-Site, or, in a browser
// without it, in Origin, which must then be the pages' own (-public-url's
// origin, else the request's scheme and Host). A request with neither
// header is not a browser's (browsers send Origin with every POST), so it
// cannot be a forged cross-site one. The session cookie is SameSite=Strict
// already; this also covers the logout and login, which need no session.
func (p *Pages) sameOrigin(w http.ResponseWriter, r *http.Request) bool {
	ok := true
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "same-origin":
	case "":
		if o := r.Header.Get("Origin"); o != "" {
			ok = o == p.ownOrigin(r)
		}
	default:
		ok = false
	}
	if !ok {
		respond.Plain(w, http.StatusForbidden, "403 this form may only be sent from the operator pages themselves")
	}
	return ok
}

// ownOrigin is the pages' origin: -public-url's when configured, else as
// the request names it.
func (a operatorAuth) ownOrigin(r *http.Request) string {
	if a.publicOrigin != "" {
		return a.publicOrigin
	}
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
