package ratelimit

import (
	"net"
	"net/http"
	"strings"
)

// ClientKey identifies the client of a request for rate limiting: the
// address of the peer, or, behind a reverse proxy, the one the proxy puts in
// header (-real-ip-header; for X-Forwarded-For the last address, the one
// the proxy itself saw: earlier ones are the client's to invent).
func ClientKey(r *http.Request, header string) string {
	addr := ""
	if header != "" {
		v := r.Header.Get(header)
		if i := strings.LastIndexByte(v, ','); i >= 0 {
			v = v[i+1:]
		}
		addr = strings.TrimSpace(v)
	}
	if addr == "" {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		addr = host
	}
	ip := net.ParseIP(strings.Trim(addr, "[]"))
	switch {
	case ip == nil:
		if len(addr) > 64 {
			addr = addr[:64]
		}
		return "?" + addr
	case ip.To4() != nil:
		return ip.To4().String()
	default:
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
}
