package operator

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The operator's session cookie: set by the login form, sent only to
// /operator (Path), never readable by JavaScript (HttpOnly), never sent by
// another site's page (SameSite=Strict). Its value is an expiry time and an
// HMAC of it keyed by the token, so the server keeps no session state, a
// session survives a restart, and changing the token ends every session.
const (
	sessionCookie = "cc_operator"
	sessionLength = 8 * time.Hour
)

// operatorAuth checks the operator token, given as a Bearer header or
// through the session cookie. The token itself is kept only as its hash.
type operatorAuth struct {
	tokenSum   [32]byte
	sessionKey []byte
}

func newOperatorAuth(token string) operatorAuth {
	key := sha256.Sum256([]byte("cookie-consent operator session\x00" + token))
	return operatorAuth{tokenSum: sha256.Sum256([]byte(token)), sessionKey: key[:]}
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

// bearer reports whether the request carries the right Bearer token.
func (a operatorAuth) bearer(r *http.Request) bool {
	token, ok := bearerToken(r)
	return ok && a.tokenOK(token)
}

// session reports whether the request carries a valid, unexpired session
// cookie.
func (a operatorAuth) session(r *http.Request, now time.Time) bool {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return false
	}
	exp, mac, ok := strings.Cut(c.Value, ".")
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(exp, 10, 64)
	if err != nil || now.Unix() >= n {
		return false
	}
	want := a.sign(exp)
	return hmac.Equal([]byte(mac), []byte(want))
}

func (a operatorAuth) sign(exp string) string {
	m := hmac.New(sha256.New, a.sessionKey)
	m.Write([]byte(exp))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// newSession is the cookie that opens a session until now+sessionLength.
// Secure when the request came over https (directly, or as a proxy says).
func (a operatorAuth) newSession(r *http.Request, now time.Time) *http.Cookie {
	exp := strconv.FormatInt(now.Add(sessionLength).Unix(), 10)
	return &http.Cookie{
		Name:     sessionCookie,
		Value:    exp + "." + a.sign(exp),
		Path:     Path,
		MaxAge:   int(sessionLength / time.Second),
		HttpOnly: true,
		Secure:   isHTTPS(r),
		SameSite: http.SameSiteStrictMode,
	}
}

// endSession is the cookie that deletes the session.
func endSession(r *http.Request) *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: "", Path: Path, MaxAge: -1, HttpOnly: true, Secure: isHTTPS(r), SameSite: http.SameSiteStrictMode}
}

func isHTTPS(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
