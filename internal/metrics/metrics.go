// Package metrics counts what the people running the consent server watch:
// requests by route and status, records stored and repeated, refusals by
// reason, rate-limited requests, the time a write takes to commit,
// database errors and failed operator authentications. It serves them in
// the Prometheus text format on a listener of its own (-metrics-addr), off
// by default and never on the public one.
//
// Every method of a nil *Metrics does nothing, so the server's parts count
// without checking whether metrics are on.
package metrics

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the server's counters in a registry of its own.
type Metrics struct {
	registry     *prometheus.Registry
	requests     *prometheus.CounterVec
	records      *prometheus.CounterVec
	refusals     *prometheus.CounterVec
	rateLimited  *prometheus.CounterVec
	writeSeconds prometheus.Histogram
	dbErrors     *prometheus.CounterVec
	authFailures *prometheus.CounterVec
	authLockouts prometheus.Counter
}

// New registers the server's metrics, and Go's and the process's.
func New() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "consent_http_requests_total", Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "code"}),
		records: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "consent_records_total", Help: `Choices posted and stored: outcome "created" (stored now) or "duplicate" (already stored, a retry).`,
		}, []string{"outcome"}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "consent_refusals_total", Help: "Choices refused, by reason.",
		}, []string{"reason"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "consent_rate_limited_total", Help: `Recording requests refused by a rate limit: "client" (-proof-rate) or "server" (-proof-rate-total).`,
		}, []string{"limit"}),
		writeSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "consent_write_seconds", Help: "Time from a choice handed to the database to its commit (fsync included).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}),
		dbErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "consent_db_errors_total", Help: "Database errors, by operation.",
		}, []string{"op"}),
		authFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "consent_operator_auth_failures_total", Help: "Failed operator authentications, by way in.",
		}, []string{"via"}),
		authLockouts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "consent_operator_lockouts_total", Help: "Clients locked out after too many failed operator authentications.",
		}),
	}
	m.registry.MustRegister(m.requests, m.records, m.refusals, m.rateLimited, m.writeSeconds, m.dbErrors,
		m.authFailures, m.authLockouts,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Route names the route of a path, from a fixed list, so that the
// requests metric has a bounded number of series whatever paths clients
// ask for.
func Route(path string) string {
	switch {
	case path == "/api/consents":
		return "consents"
	case strings.HasPrefix(path, "/api/consents/"):
		return "lookup"
	case strings.HasPrefix(path, "/api/texts/"):
		return "texts"
	case path == "/operator" || strings.HasPrefix(path, "/operator/"):
		return "operator"
	case path == "/healthz":
		return "healthz"
	default:
		return "assets"
	}
}

// Wrap counts every request h answers, by route and status.
func (m *Metrics) Wrap(h http.Handler) http.Handler {
	if m == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		code := sw.code
		if code == 0 {
			code = http.StatusOK
		}
		m.requests.WithLabelValues(Route(r.URL.Path), strconv.Itoa(code)).Inc()
	})
}

// statusWriter remembers the status code a handler sent.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.code == 0 {
		s.code = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Recorded counts a stored choice: "created" or "duplicate".
func (m *Metrics) Recorded(outcome string) {
	if m != nil {
		m.records.WithLabelValues(outcome).Inc()
	}
}

// Refused counts a refused choice by reason (a word from a fixed list:
// origin, schema, method, content_type, too_large, texts, conflict,
// id_full, disk_full, shutting_down).
func (m *Metrics) Refused(reason string) {
	if m != nil {
		m.refusals.WithLabelValues(reason).Inc()
	}
}

// RateLimited counts a request refused by the "client" or "server" limit.
func (m *Metrics) RateLimited(limit string) {
	if m != nil {
		m.rateLimited.WithLabelValues(limit).Inc()
	}
}

// Wrote observes how long a write took to commit.
func (m *Metrics) Wrote(d time.Duration) {
	if m != nil {
		m.writeSeconds.Observe(d.Seconds())
	}
}

// DBError counts a database error of an operation (record, lookup, texts,
// daily, export, retention, sessions).
func (m *Metrics) DBError(op string) {
	if m != nil {
		m.dbErrors.WithLabelValues(op).Inc()
	}
}

// AuthFailure counts a failed operator authentication ("login form",
// "bearer token", "session").
func (m *Metrics) AuthFailure(via string) {
	if m != nil {
		m.authFailures.WithLabelValues(via).Inc()
	}
}

// AuthLockout counts a client locked out.
func (m *Metrics) AuthLockout() {
	if m != nil {
		m.authLockouts.Inc()
	}
}
