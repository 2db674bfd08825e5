//go:build !js

package engines

import (
	"strings"
)

// domainMatches applies RFC 6265's domain matching: a host-only cookie's
// domain is the host; a domain cookie (".example.org" or "example.org")
// also goes to its sub-domains.
func domainMatches(host, domain string) bool {
	domain = strings.TrimPrefix(strings.ToLower(domain), ".")
	host = strings.ToLower(host)
	return host == domain || strings.HasSuffix(host, "."+domain)
}

// pathMatches applies RFC 6265's path matching.
func pathMatches(reqPath, cookiePath string) bool {
	if cookiePath == "" || cookiePath == "/" || reqPath == cookiePath {
		return true
	}
	return strings.HasPrefix(reqPath, cookiePath) && (strings.HasSuffix(cookiePath, "/") || reqPath[len(cookiePath)] == '/')
}

// sameSiteName spells a SameSite value as the cookie attribute does.
func sameSiteName(s string) string {
	switch strings.ToLower(s) {
	case "strict":
		return "Strict"
	case "lax":
		return "Lax"
	case "none":
		return "None"
	}
	return ""
}
