package main

import (
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
)

// roundRobin is a small reverse proxy on loopback that sends each request
// to the next of its servers in turn, as a load balancer in front of
// several instances does. It sets its own Host (the server's address), as
// nginx does by default; a server that is down answers 502, like nginx
// without retries.
type roundRobin struct {
	mu       sync.Mutex
	backends []*httputil.ReverseProxy
	next     int
	srv      *http.Server
	URL      string
}

// newRoundRobin listens on 127.0.0.1 and proxies to the given server URLs.
func newRoundRobin(urls ...string) (*roundRobin, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	rr := &roundRobin{URL: "http://" + ln.Addr().String() + "/"}
	for _, u := range urls {
		p, err := backend(u)
		if err != nil {
			_ = ln.Close()
			return nil, err
		}
		rr.backends = append(rr.backends, p)
	}
	rr.srv = &http.Server{Handler: rr}
	go func() { _ = rr.srv.Serve(ln) }()
	return rr, nil
}

var proxyTransport = &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 128}

func backend(raw string) (*httputil.ReverseProxy, error) {
	target, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	return &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.SetXForwarded()
		},
		Transport: proxyTransport,
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			w.WriteHeader(http.StatusBadGateway)
		},
	}, nil
}

// set points the i-th place at another server (a restarted instance, on
// a new port).
func (rr *roundRobin) set(i int, u string) error {
	p, err := backend(u)
	if err != nil {
		return err
	}
	rr.mu.Lock()
	rr.backends[i] = p
	rr.mu.Unlock()
	return nil
}

func (rr *roundRobin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rr.mu.Lock()
	p := rr.backends[rr.next%len(rr.backends)]
	rr.next++
	rr.mu.Unlock()
	p.ServeHTTP(w, r)
}

func (rr *roundRobin) close() { _ = rr.srv.Close() }
