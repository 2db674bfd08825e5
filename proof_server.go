//go:build !js

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/proof"
)

// proofServer serves the proof of consent: the recording API, the texts,
// and the operator's pages. It sits in front of the asset handler and
// passes it every other path.
type proofServer struct {
	store    *proof.Store
	recorder *proof.Recorder
	// origins may POST choices (besides this server's own).
	origins map[string]bool
	limiter *rateLimiter
	// loginLimiter slows down guessing the operator token.
	loginLimiter *rateLimiter
	realIPHeader string
	op           *operator // nil without a token
	now          func() time.Time
	logMu        sync.Mutex
	log          io.Writer
	// stopRetention ends the retention goroutine, retention waits for it.
	stopRetention context.CancelFunc
	retention     sync.WaitGroup
}

// loginAttemptsPerMinute bounds operator logins per client.
const loginAttemptsPerMinute = 10

// startProof opens the database, stores the configuration's texts and
// starts the retention, when s is not nil; it returns nil when recording is
// off. close stops the retention and releases the database.
func startProof(ctx context.Context, s *proofSettings, cfg *config.Config, log io.Writer) (*proofServer, error) {
	if s == nil {
		return nil, nil
	}
	openCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	store, err := proof.Open(openCtx, s.dsn)
	if err != nil {
		return nil, err
	}
	rec, err := proof.NewRecorder(openCtx, store, cfg, time.Now())
	if err != nil {
		_ = store.Close()
		return nil, fmt.Errorf("proof database: %w", err)
	}
	p := &proofServer{
		store:        store,
		recorder:     rec,
		origins:      map[string]bool{},
		limiter:      newRateLimiter(s.rate, 2*s.rate),
		loginLimiter: newRateLimiter(loginAttemptsPerMinute, loginAttemptsPerMinute),
		realIPHeader: s.realIPHeader,
		now:          time.Now,
		log:          log,
	}
	for _, o := range s.origins {
		p.origins[o] = true
	}
	if s.token != "" {
		p.op = newOperator(s.token, store)
	}
	ctx, p.stopRetention = context.WithCancel(ctx)
	p.retention.Add(1)
	go func() {
		defer p.retention.Done()
		proof.Retain(ctx, store, s.retention, proof.RetentionInterval, time.Now, func(n int64, err error) {
			switch {
			case err != nil:
				p.logf("proof: retention: %v", err)
			case n > 0:
				p.logf("proof: retention: deleted %d records older than %d months", n, s.retention)
			}
		})
	}()
	return p, nil
}

// close stops the retention and closes the database after the writes in
// flight.
func (p *proofServer) close() error {
	if p == nil {
		return nil
	}
	p.stopRetention()
	p.retention.Wait()
	return p.store.Close()
}

// logf writes one line to the server's log. Visitors' data is never
// logged, nor the operator token.
func (p *proofServer) logf(format string, args ...any) {
	p.logMu.Lock()
	defer p.logMu.Unlock()
	fmt.Fprintf(p.log, "server: "+format+"\n", args...)
}

// The proof's paths.
const (
	consentsPath     = "/api/consents"
	consentsByIDPath = "/api/consents/" // + consent id, operator only
	textsPath        = "/api/texts/"    // + texts hash
	operatorPath     = "/operator"
)

// wrap puts the proof's routes in front of next; a nil proofServer (no
// -proof-db) leaves next alone, so those paths stay 404.
func (p *proofServer) wrap(next http.Handler) http.Handler {
	if p == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		isOperator := path == operatorPath || strings.HasPrefix(path, operatorPath+"/")
		if path != consentsPath && !strings.HasPrefix(path, consentsByIDPath) && !strings.HasPrefix(path, textsPath) && !isOperator {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if len(r.RequestURI) > maxRequestURI || hasControl(path) {
			plainError(w, http.StatusBadRequest, "400 bad request")
			return
		}
		switch {
		case path == consentsPath:
			p.serveConsents(w, r)
		case strings.HasPrefix(path, consentsByIDPath):
			p.serveLookupAPI(w, r, strings.TrimPrefix(path, consentsByIDPath))
		case strings.HasPrefix(path, textsPath):
			p.serveTexts(w, r, strings.TrimPrefix(path, textsPath))
		default:
			p.serveOperator(w, r)
		}
	})
}
