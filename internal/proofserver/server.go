// Package proofserver runs the proof of consent: it reads the proof flags,
// opens the database, keeps the retention running, and mounts the proof
// API and the operator's pages in front of the rest of the server.
package proofserver

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/opendata-portals/cookie-consent/app/config"
	"github.com/opendata-portals/cookie-consent/internal/metrics"
	"github.com/opendata-portals/cookie-consent/internal/operator"
	"github.com/opendata-portals/cookie-consent/internal/proofapi"
	"github.com/opendata-portals/cookie-consent/internal/ratelimit"
	"github.com/opendata-portals/cookie-consent/internal/respond"
	"github.com/opendata-portals/cookie-consent/proof"
)

// Server serves the proof of consent: the recording API, the texts, and
// the operator's pages. It sits in front of the asset handler and passes it
// every other path.
type Server struct {
	store *proof.Store
	api   *proofapi.Server
	pages *operator.Pages // nil without a token
	logMu sync.Mutex
	log   io.Writer
	// stopRetention ends the retention goroutine, retention waits for it.
	stopRetention context.CancelFunc
	retention     sync.WaitGroup
}

// Start opens the database, stores the configuration's texts and
// starts the retention, when s is not nil; it returns nil when recording is
// off. close stops the retention and releases the database. m counts what
// happens (nil: metrics off).
func Start(ctx context.Context, s *Settings, cfg *config.Config, log io.Writer, m *metrics.Metrics) (*Server, error) {
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
	p := &Server{store: store, log: log}
	p.api = &proofapi.Server{
		Store:         store,
		Recorder:      rec,
		Origins:       map[string]bool{},
		PublicOrigin:  s.publicOrigin,
		Limiter:       ratelimit.New(s.rate, 2*s.rate),
		ServerLimiter: ratelimit.New(s.total, s.total),
		DiskFull:      newDiskGuard(store.File(), s.minFreeMB, time.Now).Full,
		RealIPHeader:  s.realIPHeader,
		Metrics:       m,
		Now:           time.Now,
		Logf:          p.logf,
	}
	for _, o := range s.origins {
		p.api.Origins[o] = true
	}
	if s.token != "" {
		p.pages = operator.New(operator.Options{Token: s.token, Store: store, RealIPHeader: s.realIPHeader,
			PublicOrigin: s.publicOrigin, Metrics: m, Now: time.Now, Logf: p.logf})
		p.api.Operator = p.pages
	}
	ctx, p.stopRetention = context.WithCancel(ctx)
	p.retention.Add(2)
	go func() {
		defer p.retention.Done()
		p.forgetEndedSessions(ctx, store, m)
	}()
	go func() {
		defer p.retention.Done()
		proof.Retain(ctx, store, s.retention, proof.RetentionInterval, time.Now, func(n int64, err error) {
			switch {
			case err != nil:
				m.DBError("retention")
				p.logf("proof: retention: %v", err)
			case n > 0:
				p.logf("proof: retention: deleted %d records older than %d months", n, s.retention)
			}
		})
	}()
	return p, nil
}

// forgetEndedSessions deletes the expired operator sessions every
// RetentionInterval (logged-out ones are deleted at logout).
func (p *Server) forgetEndedSessions(ctx context.Context, store *proof.Store, m *metrics.Metrics) {
	t := time.NewTicker(proof.RetentionInterval)
	defer t.Stop()
	for {
		if _, err := store.DeleteExpiredSessions(ctx, time.Now()); err != nil && ctx.Err() == nil {
			m.DBError("sessions")
			p.logf("proof: deleting ended operator sessions: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Close stops the retention and closes the database after the writes in
// flight.
func (p *Server) Close() error {
	if p == nil {
		return nil
	}
	p.stopRetention()
	p.retention.Wait()
	return p.store.Close()
}

// logf writes one line to the server's log. Visitors' data is never
// logged, nor the operator token.
func (p *Server) logf(format string, args ...any) {
	p.logMu.Lock()
	defer p.logMu.Unlock()
	fmt.Fprintf(p.log, "server: "+format+"\n", args...)
}

// Wrap puts the proof's routes in front of next; a nil proofServer (no
// -proof-db) leaves next alone, so those paths stay 404.
func (p *Server) Wrap(next http.Handler) http.Handler {
	if p == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		isAPI := proofapi.Handles(path)
		isOperator := path == operator.Path || strings.HasPrefix(path, operator.Path+"/")
		if !isAPI && !isOperator {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if respond.BadTarget(r) {
			respond.Plain(w, http.StatusBadRequest, "400 bad request")
			return
		}
		if isAPI {
			p.api.ServeHTTP(w, r)
			return
		}
		p.pages.ServeHTTP(w, r) // a nil *Pages says how to turn them on
	})
}
