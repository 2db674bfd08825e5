package respond

import "net/http"

// MaxRequestURI bounds the request target the server accepts. Every real URL
// of ours is short; longer targets are probes. (Targets longer than the
// server's MaxHeaderBytes are refused by net/http itself with 431.)
const MaxRequestURI = 2048

// BadTarget reports a request target that no URL of ours can be: too long,
// or a decoded path holding NUL or another control byte ("%00", "%0a").
// Such requests are refused outright with 400.
func BadTarget(r *http.Request) bool {
	return len(r.RequestURI) > MaxRequestURI || hasControl(r.URL.Path)
}

func hasControl(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] < 0x20 || p[i] == 0x7f {
			return true
		}
	}
	return false
}
